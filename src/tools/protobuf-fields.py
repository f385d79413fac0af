#!/usr/bin/env python3
# Reads the protobuf descriptors (gzipped FileDescriptorProtos of k8s.io/*/generated.proto) that a kubectl binary embeds.
import sys, zlib, re, json
data = open(sys.argv[1], 'rb').read()
def varint(b, i):
    r = 0; s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80: return r, i
def fields(b):
    i = 0; out = []
    while i < len(b):
        k, i = varint(b, i); n, t = k >> 3, k & 7
        if t == 0: v, i = varint(b, i)
        elif t == 2:
            l, i = varint(b, i); v = b[i:i+l]; i += l
        elif t == 1: v = b[i:i+8]; i += 8
        elif t == 5: v = b[i:i+4]; i += 4
        else: raise ValueError(t)
        out.append((n, v))
    return out
files = {}
for m in re.finditer(b'\x1f\x8b\x08\x00\x00\x00\x00\x00', data):
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[m.start():m.start()+2000000])
    except Exception:
        continue
    try:
        f = fields(d)
        name = [v for n, v in f if n == 1][0].decode()
    except Exception:
        continue
    if name.endswith('generated.proto') and name.startswith('k8s.io/'):
        files[name] = d
print(len(files), file=sys.stderr)
out = {}
def msg(pkg, prefix, b):
    f = fields(b)
    name = [v for n, v in f if n == 1][0].decode()
    full = prefix + '.' + name
    entry = {'fields': [], 'map': False}
    for n, v in f:
        if n == 2:
            ff = dict()
            for fn, fv in fields(v):
                ff[fn] = fv
            entry['fields'].append([ff[3], ff[1].decode(), ff.get(5, 0), ff.get(4, 1), ff.get(6, b'').decode()])
        elif n == 3:
            msg(pkg, full, v)
        elif n == 7:
            for on, ov in fields(v):
                if on == 7 and ov: entry['map'] = True
    out[full] = entry
for name, d in files.items():
    f = fields(d)
    pkg = [v for n, v in f if n == 2][0].decode()
    for n, v in f:
        if n == 4:
            msg(pkg, '.' + pkg, v)
json.dump(out, open(sys.argv[2], 'w'))
print(len(out), file=sys.stderr)

# The table DemoDispatcher's ProtobufBodies reads: every message reachable from the served groups' kinds, one
# "M name [map]" line per message and one "F number name type label typeName" line per field.
roots = [k for k in out if re.match(r'\.k8s\.io\.api\.(core|apps|rbac|authorization|authentication|discovery|policy|autoscaling)\.v1\.[A-Z]\w*$', k)]
roots += ['.k8s.io.apimachinery.pkg.runtime.Unknown', '.k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions']
seen = set()
stack = list(roots)
while stack:
    k = stack.pop()
    if k in seen or k not in out:
        continue
    seen.add(k)
    for f in out[k]['fields']:
        if f[4]:
            stack.append(f[4])
with open(sys.argv[3], 'w') as table:
    table.write('# Field numbers of the Kubernetes API\'s protobuf messages, from the generated.proto descriptors that\n')
    table.write('# kubectl embeds; made by src/tools/protobuf-fields.py KUBECTL_BINARY JSON_OUT THIS_FILE.\n')
    for k in sorted(seen):
        table.write('M ' + k[len('.k8s.io.'):] + (' map' if out[k]['map'] else '') + '\n')
        for f in sorted(out[k]['fields']):
            table.write('F %d %s %d %d %s\n' % (f[0], f[1], f[2], f[3], f[4][len('.k8s.io.'):] if f[4] else '-'))
