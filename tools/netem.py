#!/usr/bin/env python3
"""A netem stand-in for kernels without sch_netem: relay Ethernet frames
between two interfaces (AF_PACKET), losing, delaying, duplicating and so
reordering TCP frames at random (seeded).  Other frames (ARP, ND) pass at
once.  Used by tools/ref-replay.sh from a namespace between a client and a
server, so the kernels at both ends are real and untouched.

  netem.py IF_A IF_B [--loss P] [--delay MS] [--jitter MS] [--dup P]
           [--seed N] [--drop-syn N]

--jitter draws each frame's delay from [delay, delay + jitter]: frames
overtake each other, as netem's reorder does.  --drop-syn N drops the first
N bare SYNs (a SYN retransmission).  Runs until killed.
"""
import argparse
import heapq
import random
import select
import socket
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def is_tcp(f):
    et = int.from_bytes(f[12:14], "big")
    if et == 0x0800 and len(f) >= 34:
        return f[23] == 6, 14 + (f[14] & 15) * 4
    if et == 0x86DD and len(f) >= 54:
        return f[20] == 6, 54
    return False, 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--loss", type=float, default=0.0)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--jitter", type=float, default=0.0)
    ap.add_argument("--dup", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--drop-syn", type=int, default=0)
    o = ap.parse_args()
    rnd = random.Random(o.seed)
    socks = {}
    for i in (o.a, o.b):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                          socket.htons(ETH_P_ALL))
        s.bind((i, 0))
        socks[i] = s
    other = {o.a: socks[o.b], o.b: socks[o.a]}
    q = []
    n = 0
    syns = 0
    while True:
        now = time.monotonic()
        wait = max(0.0, q[0][0] - now) if q else 1.0
        r, _, _ = select.select(list(socks.values()), [], [], wait)
        for s in r:
            f, addr = s.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            out = other[addr[0]]
            tcp, off = is_tcp(f)
            if not tcp:
                out.send(f)
                continue
            flags = f[off + 13] if len(f) > off + 13 else 0
            if flags & 0x12 == 0x02 and syns < o.drop_syn:
                syns += 1
                continue
            if rnd.random() < o.loss:
                continue
            copies = 2 if rnd.random() < o.dup else 1
            for _ in range(copies):
                d = (o.delay + rnd.random() * o.jitter) / 1000.0
                n += 1
                heapq.heappush(q, (time.monotonic() + d, n, f, out))
        now = time.monotonic()
        while q and q[0][0] <= now:
            _, _, f, out = heapq.heappop(q)
            out.send(f)


if __name__ == "__main__":
    main()
