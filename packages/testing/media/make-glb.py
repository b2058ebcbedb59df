#!/usr/bin/env python3
"""Write model.glb: a small, valid glTF 2.0 binary for the @taskkit/testing simulator.

One mesh (a unit cube with a different colour on each face), one buffer, indexed
triangles, per-face normals, and a PBR metallic-roughness material. Standard library only.

    python3 make-glb.py [OUT]          # write OUT (default: model.glb beside this script), then check it
    python3 make-glb.py --check FILE   # only check FILE

The check covers the GLB header (magic, version, length), chunk layout and padding
(JSON padded with spaces, BIN with zeros, both to 4 bytes), bufferView alignment and
bounds, accessor min/max against the data, index range, and face winding against normals.
"""

import json
import math
import os
import struct
import sys

GLB_MAGIC = 0x46546C67  # b'glTF'
CHUNK_JSON = 0x4E4F534A  # b'JSON'
CHUNK_BIN = 0x004E4942  # b'BIN\0'

FLOAT = 5126
UNSIGNED_SHORT = 5123
ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963
TRIANGLES = 4

# (normal, u, v, colour): u x v == normal, so the quad below is counter-clockwise seen from outside.
FACES = [
    ((0, 0, 1), (1, 0, 0), (0, 1, 0), (0.31, 0.27, 0.90)),  # +Z front: indigo
    ((0, 0, -1), (-1, 0, 0), (0, 1, 0), (0.02, 0.71, 0.83)),  # -Z back: cyan
    ((1, 0, 0), (0, 0, -1), (0, 1, 0), (0.96, 0.62, 0.04)),  # +X right: amber
    ((-1, 0, 0), (0, 0, 1), (0, 1, 0), (0.06, 0.73, 0.51)),  # -X left: emerald
    ((0, 1, 0), (1, 0, 0), (0, 0, -1), (0.93, 0.93, 0.96)),  # +Y top: near white
    ((0, -1, 0), (1, 0, 0), (0, 0, 1), (0.94, 0.27, 0.27)),  # -Y bottom: red
]


def cube():
    positions, normals, colours, indices = [], [], [], []
    for normal, u, v, colour in FACES:
        base = len(positions)
        for su, sv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            positions.append(tuple(0.5 * (n + su * a + sv * b) for n, a, b in zip(normal, u, v)))
            normals.append(tuple(float(n) for n in normal))
            colours.append(colour)
        indices += [base, base + 1, base + 2, base, base + 2, base + 3]
    return positions, normals, colours, indices


def pad4(data, fill):
    return data + fill * ((4 - len(data) % 4) % 4)


def f32(x):
    """Round to float32, so min/max match the stored values exactly."""
    return struct.unpack('<f', struct.pack('<f', x))[0]


def build():
    positions, normals, colours, indices = cube()
    blobs = [
        b''.join(struct.pack('<3f', *p) for p in positions),
        b''.join(struct.pack('<3f', *n) for n in normals),
        b''.join(struct.pack('<3f', *c) for c in colours),
        struct.pack('<%dH' % len(indices), *indices),
    ]
    buffer_views, offset, binary = [], 0, b''
    for i, blob in enumerate(blobs):
        view = {'buffer': 0, 'byteOffset': offset, 'byteLength': len(blob),
                'target': ELEMENT_ARRAY_BUFFER if i == 3 else ARRAY_BUFFER}
        buffer_views.append(view)
        binary += pad4(blob, b'\x00')
        offset = len(binary)

    def vec3(view, values):
        return {'bufferView': view, 'byteOffset': 0, 'componentType': FLOAT, 'count': len(values), 'type': 'VEC3',
                'min': [f32(min(v[k] for v in values)) for k in range(3)],
                'max': [f32(max(v[k] for v in values)) for k in range(3)]}

    gltf = {
        'asset': {'version': '2.0', 'generator': '@taskkit/testing make-glb.py'},
        'scene': 0,
        'scenes': [{'name': 'TaskKit sample', 'nodes': [0]}],
        'nodes': [{'name': 'Cube', 'mesh': 0,
                   # Turned 30 degrees about Y so a straight-on camera sees two faces.
                   'rotation': [0.0, math.sin(math.radians(15)), 0.0, math.cos(math.radians(15))]}],
        'meshes': [{'name': 'Cube', 'primitives': [{
            'attributes': {'POSITION': 0, 'NORMAL': 1, 'COLOR_0': 2},
            'indices': 3, 'material': 0, 'mode': TRIANGLES}]}],
        'materials': [{'name': 'TaskKit', 'pbrMetallicRoughness': {
            'baseColorFactor': [1.0, 1.0, 1.0, 1.0], 'metallicFactor': 0.0, 'roughnessFactor': 0.6}}],
        'accessors': [
            vec3(0, positions), vec3(1, normals), vec3(2, colours),
            {'bufferView': 3, 'byteOffset': 0, 'componentType': UNSIGNED_SHORT, 'count': len(indices), 'type': 'SCALAR',
             'min': [min(indices)], 'max': [max(indices)]},
        ],
        'bufferViews': buffer_views,
        'buffers': [{'byteLength': len(binary)}],
    }
    json_chunk = pad4(json.dumps(gltf, separators=(',', ':')).encode('utf-8'), b' ')
    bin_chunk = pad4(binary, b'\x00')
    total = 12 + 8 + len(json_chunk) + 8 + len(bin_chunk)
    return (struct.pack('<III', GLB_MAGIC, 2, total)
            + struct.pack('<II', len(json_chunk), CHUNK_JSON) + json_chunk
            + struct.pack('<II', len(bin_chunk), CHUNK_BIN) + bin_chunk)


COMPONENTS = {'SCALAR': 1, 'VEC2': 2, 'VEC3': 3, 'VEC4': 4}
FORMATS = {FLOAT: ('f', 4), UNSIGNED_SHORT: ('H', 2), 5125: ('I', 4), 5121: ('B', 1)}


def check(data):
    """Raise AssertionError if data is not the kind of GLB we promise; return the parsed JSON."""
    assert len(data) >= 28, 'too short'
    magic, version, length = struct.unpack_from('<III', data, 0)
    assert magic == GLB_MAGIC, 'bad magic'
    assert version == 2, 'bad version %d' % version
    assert length == len(data), 'header length %d != file length %d' % (length, len(data))
    assert length % 4 == 0, 'file length not a multiple of 4'

    json_len, json_type = struct.unpack_from('<II', data, 12)
    assert json_type == CHUNK_JSON, 'first chunk is not JSON'
    assert json_len % 4 == 0, 'JSON chunk length not padded to 4'
    raw_json = data[20:20 + json_len]
    stripped = raw_json.rstrip(b' ')
    assert raw_json[len(stripped):] == b' ' * (json_len - len(stripped)), 'JSON padding is not spaces'
    assert json_len - len(stripped) < 4, 'JSON over-padded'
    gltf = json.loads(raw_json.decode('utf-8'))

    bin_start = 20 + json_len
    bin_len, bin_type = struct.unpack_from('<II', data, bin_start)
    assert bin_type == CHUNK_BIN, 'second chunk is not BIN'
    assert bin_len % 4 == 0, 'BIN chunk length not padded to 4'
    assert bin_start + 8 + bin_len == length, 'chunks do not fill the file exactly'
    binary = data[bin_start + 8:bin_start + 8 + bin_len]

    assert gltf['asset']['version'] == '2.0'
    assert len(gltf['buffers']) == 1 and 'uri' not in gltf['buffers'][0], 'want one GLB-stored buffer'
    declared = gltf['buffers'][0]['byteLength']
    assert declared <= bin_len < declared + 4, 'buffer byteLength %d vs BIN chunk %d' % (declared, bin_len)
    assert binary[declared:] == b'\x00' * (bin_len - declared), 'BIN padding is not zeros'

    for i, view in enumerate(gltf['bufferViews']):
        offset = view.get('byteOffset', 0)
        assert offset % 4 == 0, 'bufferView %d byteOffset %d not 4-aligned' % (i, offset)
        assert offset + view['byteLength'] <= declared, 'bufferView %d out of the buffer' % i

    values = []
    for i, acc in enumerate(gltf['accessors']):
        view = gltf['bufferViews'][acc['bufferView']]
        code, size = FORMATS[acc['componentType']]
        n = COMPONENTS[acc['type']]
        start = view.get('byteOffset', 0) + acc.get('byteOffset', 0)
        assert start % size == 0, 'accessor %d misaligned' % i
        stride = view.get('byteStride', n * size)
        assert acc.get('byteOffset', 0) + stride * (acc['count'] - 1) + n * size <= view['byteLength'], \
            'accessor %d overruns its bufferView' % i
        rows = [struct.unpack_from('<%d%s' % (n, code), binary, start + k * stride) for k in range(acc['count'])]
        values.append(rows)
        if 'min' in acc or 'max' in acc:
            assert list(acc['min']) == [min(r[k] for r in rows) for k in range(n)], 'accessor %d min wrong' % i
            assert list(acc['max']) == [max(r[k] for r in rows) for k in range(n)], 'accessor %d max wrong' % i

    assert len(gltf['meshes']) == 1, 'want one mesh'
    for prim in gltf['meshes'][0]['primitives']:
        attrs = prim['attributes']
        pos_acc = gltf['accessors'][attrs['POSITION']]
        assert 'min' in pos_acc and 'max' in pos_acc, 'POSITION needs min and max'
        count = pos_acc['count']
        assert all(gltf['accessors'][a]['count'] == count for a in attrs.values()), 'attribute counts differ'
        assert prim.get('mode', TRIANGLES) == TRIANGLES
        idx = [r[0] for r in values[prim['indices']]]
        assert len(idx) % 3 == 0 and max(idx) < count, 'bad indices'
        assert 'baseColorFactor' in gltf['materials'][prim['material']]['pbrMetallicRoughness']
        pos, nor = values[attrs['POSITION']], values[attrs['NORMAL']]
        for t in range(0, len(idx), 3):
            a, b, c = (pos[j] for j in idx[t:t + 3])
            e1 = [b[k] - a[k] for k in range(3)]
            e2 = [c[k] - a[k] for k in range(3)]
            cross = (e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0])
            assert sum(cross[k] * nor[idx[t]][k] for k in range(3)) > 0, 'triangle %d wound against its normal' % (t // 3)
        for n in nor:
            assert abs(math.sqrt(sum(x * x for x in n)) - 1) < 1e-6, 'normal not unit length'
    return gltf


def main(argv):
    if len(argv) == 3 and argv[1] == '--check':
        with open(argv[2], 'rb') as f:
            data = f.read()
        gltf = check(data)
        print('%s: valid GLB, %d bytes, %d accessors' % (argv[2], len(data), len(gltf['accessors'])))
        return 0
    if len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'model.glb')
    data = build()
    check(data)
    with open(out, 'wb') as f:
        f.write(data)
    print('wrote %s (%d bytes)' % (out, len(data)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
