#!/usr/bin/env python3
"""Strict scorer for questions.tsv (and probes.tsv).

usage: python3 check.py WENDA_BIN DATA_DIR [questions.tsv]
Asks every question with `wenda ask --json` and scores it twice:
  lenient - an accepted answer is a substring of wenda's answer (what `wenda eval qa` does);
            REFUSE rows are right when found is false.
  strict  - as lenient, and for categories ending in _yes / _no the answer's first clause
            (before the first 。) must not carry the opposite polarity: a *_no answer that starts
            with 能/可以/行/要/是/需要/会/允许 is wrong, a *_yes answer that starts with a negation
            (不/没/否/严禁/禁止/无需) is wrong. (An answer with no yes/no word is judged on its content.)
Accepted answers like 能|可以|行 are substrings of 不能|不可以|不行, so the lenient score
counts an answer of the wrong polarity as right; the strict one does not.
"""
import json, subprocess, sys
NEG = ('不', '没', '否', '严禁', '禁止', '无需', '免')
POS = ('能', '可以', '行', '要', '是', '需要', '会', '允许', '可')
def neg(a):
    return a.split('。', 1)[0].startswith(NEG)
def pos(a):
    return a.split('。', 1)[0].startswith(POS)
def main():
    wenda, data = sys.argv[1], sys.argv[2]
    tsv = sys.argv[3] if len(sys.argv) > 3 else 'questions.tsv'
    rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8')][1:]
    inp = '\n'.join(r[0] for r in rows) + '\n'
    res = subprocess.run([wenda, '--data', data, 'ask', '--json'], input=inp, capture_output=True, text=True, check=True)
    outs = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
    assert len(outs) == len(rows), (len(outs), len(rows))
    L = S = 0
    for (q, acc, cat), o in zip(rows, outs):
        a = o['answer']
        if acc == 'REFUSE':
            ok = not o['found']; sok = ok
        else:
            ok = o['found'] and any(x and x in a for x in acc.split('|'))
            sok = ok
            if ok and cat.endswith('_no'): sok = not pos(a)
            if ok and cat.endswith('_yes'): sok = not neg(a)
        L += ok; S += sok
        mark = 'ok ' if sok else ('POL' if ok else 'XX ')
        print(f'{mark}\t{cat}\t{q}\t{a[:70]}')
    n = len(rows)
    print(f'lenient {L}/{n} = {L/n:.4f}; strict {S}/{n} = {S/n:.4f}')
main()
