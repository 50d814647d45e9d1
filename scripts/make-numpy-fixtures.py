#!/usr/bin/env python3
"""Writes the .npy and .npz fixtures of lossmap's numpy readers with real numpy.

The Swift tests (Tests/LossmapCoreTests/Imported/Numpy*Tests.swift) read these files and check
the values they hold against the formulas below, so they never need numpy themselves; the files
are committed. Rerun after changing this script:

    python3 scripts/make-numpy-fixtures.py

Needs python3 with numpy (written with numpy 2.4). Every grid holds Z[i, j] = i * 10 + j + 0.5,
so a test knows each value without reading numpy's output back.

The formats: NEP 1 / numpy.lib.format for .npy (magic, version, header dict, raw data), and the
PKWARE APPNOTE.TXT for zip (4.3.7 local header, 4.3.12 central directory, 4.3.14-4.3.16 end
records, 4.5.3 the zip64 extra field). Besides numpy's own output, one archive is written by hand
with zip64 fields everywhere numpy leaves them out (the central directory and the end records),
and checked with Python's zipfile and numpy.load, readers independent of ours.
"""

import io
import os
import struct
import zipfile
import zlib

import numpy as np

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "LossmapCoreTests", "Fixtures", "numpy")


def grid(rows, columns, dtype="<f8"):
    """Z[i, j] = i * 10 + j + 0.5, the values every grid fixture holds."""
    i, j = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
    return (i * 10 + j + 0.5).astype(dtype)


def path(name):
    return os.path.join(FOLDER, name)


def save(name, array, **options):
    np.save(path(name), array, **options)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def write_npy():
    z = grid(3, 4)
    save("grid-f8.npy", z)
    save("grid-f4-big.npy", z.astype(">f4"))
    save("grid-fortran.npy", np.asfortranarray(z))
    assert np.load(path("grid-fortran.npy")).flags.f_contiguous
    write_bytes("grid-version2.npy", npy_bytes(z, version=(2, 0)))
    write_bytes("grid-version3.npy", npy_bytes(z, version=(3, 0)))
    cube = np.arange(24, dtype="<f8").reshape(2, 3, 4)
    save("cube.npy", cube)
    save("cube-fortran.npy", np.asfortranarray(cube))
    save("scalar.npy", np.array(2.5))
    save("empty.npy", np.zeros((0, 3)))
    # Coordinates as users save them: np.arange gives int64.
    save("arange-i8.npy", np.arange(-2, 3))
    # Each integer type, in both byte orders where it has one: -3, 0, 7, 100 (signed) or
    # 0, 3, 7, 200 (unsigned), values every type holds.
    for kind in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]:
        values = [-3, 0, 7, 100] if kind[0] == "i" else [0, 3, 7, 200]
        orders = ["|"] if kind[1] == "1" else ["<", ">"]
        for order in orders:
            suffix = "" if order == "|" else ("-little" if order == "<" else "-big")
            save(f"int-{kind}{suffix}.npy", np.array(values, dtype=order + kind))
    save("bool.npy", np.array([True, False, True]))

    # What lossmap refuses.
    save("object.npy", np.array([1.5, "two", None], dtype=object), allow_pickle=True)
    save("complex.npy", np.array([1 + 2j, 3 - 4j]))
    save("structured.npy", np.array([(1.0, 2)], dtype=[("w", "<f8"), ("step", "<i4")]))
    save("float16.npy", np.array([1.0, 2.0], dtype="<f2"))
    save("unicode.npy", np.array(["one", "two"]))
    save("bytes.npy", np.array([b"one", b"two"]))
    save("datetime.npy", np.array(["2024-01-01"], dtype="datetime64[D]"))
    whole = open(path("grid-f8.npy"), "rb").read()
    write_bytes("truncated.npy", whole[:-5])
    write_bytes("trailing.npy", whole + b"\0\0\0\0")
    write_bytes("bad-magic.npy", b"w1,w2,loss\n0,0,1.5\n")


def archive_arrays():
    """The loss on 5 rows (w2) x 4 columns (w1), with its coordinates, as users save it."""
    return {"w1": np.arange(4), "w2": np.linspace(-1.0, 1.0, 5), "loss": grid(5, 4)}


def write_zip64_by_hand(name, members, comment):
    """A zip with every size and offset in zip64 fields (APPNOTE 4.5.3), the end of central
    directory record full of 0xFFFF / 0xFFFFFFFF and the zip64 end records (4.3.14, 4.3.15)
    holding the counts: what numpy writes only for archives past 4 GiB."""
    out = bytearray()
    central = bytearray()
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    for member_name, data, method in members:
        encoded = member_name.encode()
        crc = zlib.crc32(data)
        if method == 8:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            stored = compressor.compress(data) + compressor.flush()
        else:
            stored = data
        offset = len(out)
        local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(stored))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, method, dos_time, dos_date, crc,
                           0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(local_extra))
        out += encoded + local_extra + stored
        central_extra = struct.pack("<HHQQQ", 1, 24, len(data), len(stored), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, method, dos_time, dos_date,
                               crc, 0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(central_extra), 0, 0, 0, 0,
                               0xFFFFFFFF)
        central += encoded + central_extra
    central_offset = len(out)
    out += central
    zip64_end = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(members), len(members),
                       len(central), central_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(comment))
    out += comment
    write_bytes(name, bytes(out))


def write_npz():
    arrays = archive_arrays()
    np.savez(path("grid.npz"), **arrays)
    np.savez_compressed(path("grid-compressed.npz"), **arrays)

    # A byte flipped in the middle of the loss's deflate stream: zlib refuses it, or the CRC does.
    data = bytearray(open(path("grid-compressed.npz"), "rb").read())
    with zipfile.ZipFile(path("grid-compressed.npz")) as z:
        info = z.getinfo("loss.npy")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0x55
    write_bytes("grid-corrupt.npz", bytes(data))
    try:
        with zipfile.ZipFile(path("grid-corrupt.npz")) as z:
            z.read("loss.npy")
        raise SystemExit("grid-corrupt.npz still reads: flip another byte")
    except (zipfile.BadZipFile, zlib.error):
        pass

    members = [(f"{key}.npy", npy_bytes(value), 0 if key == "w1" else 8) for key, value in arrays.items()]
    write_zip64_by_hand("grid-zip64.npz", members, b"written by scripts/make-numpy-fixtures.py")
    with np.load(path("grid-zip64.npz")) as loaded:
        for key, value in arrays.items():
            assert np.array_equal(loaded[key], value), key

    # A method lossmap does not read (LZMA, 14): zipfile writes it, numpy reads it.
    with zipfile.ZipFile(path("method-lzma.npz"), "w", compression=zipfile.ZIP_LZMA) as z:
        z.writestr("loss.npy", npy_bytes(arrays["loss"]))


def main():
    os.makedirs(FOLDER, exist_ok=True)
    write_npy()
    write_npz()
    print(f"wrote {len(os.listdir(FOLDER))} files to {os.path.normpath(FOLDER)}")


if __name__ == "__main__":
    main()
