#!/usr/bin/env python3
"""Disassemble a C2-compiled method from the JVM's hex dump, where no hsdis plugin decodes it.

    java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,CLASS::METHOD ... > dump.txt
    python3 bench/tools/c2-disasm.py dump.txt [INDEX]

The JVM prints each compiled method's machine code as hex words when it has no working
disassembler (Debian's libhsdis0-fcml loads but decodes nothing on this project's machines). This
script takes the INDEX-th C2 nmethod in the dump (default: the last), reassembles its bytes and runs
binutils' objdump on them (Intel syntax, addresses as in the dump). Seen with it: JDK 17 turns each
AVX-512 vector compare into a mask register and back into a vector (a masked load of an all-ones
constant), and each blend back into a mask register, where JDK 18 and later keep the mask register.
"""
import re
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    lines = open(sys.argv[1]).read().split('\n')
    starts = [i for i, l in enumerate(lines) if 'Compiled method (c2)' in l]
    if not starts:
        sys.exit('no C2-compiled method in ' + sys.argv[1])
    start = starts[int(sys.argv[2]) if len(sys.argv) > 2 else -1]
    code = next(i for i in range(start, len(lines)) if lines[i].startswith('[MachCode]'))
    data = bytearray()
    base = None
    for l in lines[code + 1:]:
        if l.startswith(('[Stub', '[Exception', '[Deopt', '[/MachCode]')):
            break
        m = re.match(r'\s*0x([0-9a-f]+):\s*([0-9a-f| ]+)$', l)
        if not m:
            continue
        if base is None:
            base = int(m.group(1), 16)
        data += bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(data)
        f.flush()
        subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-Mintel', '--adjust-vma=%d' % base, f.name],
                       check=True)


if __name__ == '__main__':
    main()
