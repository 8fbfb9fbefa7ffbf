"""Read newspipe TSV in the command-line tests (standard library only)."""
_UNESC = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def unescape(s):
    if "\\" not in s:
        return s
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in _UNESC:
            out.append(_UNESC[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read(path):
    """Yield one dict per record; fail on a row of the wrong width."""
    with open(path, encoding="utf-8", newline="\n") as f:
        header = f.readline().rstrip("\n").split("\t")
        for n, line in enumerate(f, start=2):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != len(header):
                raise ValueError(f"line {n}: {len(fields)} fields, header has {len(header)}")
            yield {k: unescape(v) for k, v in zip(header, fields)}
