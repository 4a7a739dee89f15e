#!/usr/bin/env python3
"""Write tests/data/crafted-print.pcap: TCP packets the corpus lacks, for
tools/ref-print.sh to record what tcpdump and tshark print of them (MPTCP
suboptions in every form, IPv6 extension headers and fragments, IPv4
fragments and options, bad data offsets, lengths past the frame, URG).
Checksums are left 0: the printers under test do not look at them.
Run from the project root: python3 tools/craft-print.py"""
import struct

A4, B4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
A6 = bytes.fromhex("20010db8000000000000000000000001")
B6 = bytes.fromhex("20010db8000000000000000000000002")
C6 = bytes.fromhex("20010db8000000000000000000000009")
SYN, ACK, PSH, URG, FIN = 0x02, 0x10, 0x08, 0x20, 0x01


def tcp(flags, opts=b"", payload=b"", seq=1000, ack=0, doff=None, urp=0):
    opts += b"\x00" * (-len(opts) % 4)
    if doff is None:
        doff = 5 + len(opts) // 4
    return struct.pack("!HHIIBBHHH", 40000, 80, seq, ack, doff << 4, flags,
                       8192, 0, urp) + opts + payload


def ip4(seg, frag=0, tot=None, opts=b"", proto=6):
    ihl = 5 + len(opts) // 4
    if tot is None:
        tot = ihl * 4 + len(seg)
    return struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tot, 1, frag, 64,
                       proto, 0, A4, B4) + opts + seg


def ip6(nh, body, plen=None):
    if plen is None:
        plen = len(body)
    return struct.pack("!IHBB16s16s", 6 << 28, plen, nh, 64, A6, B6) + body


def ext(nh, data):
    """A generic extension header holding data (padded to 8n - 2)."""
    data += b"\x00" * (-(len(data) + 2) % 8)
    return bytes([nh, (len(data) + 2) // 8 - 1]) + data


def mp(sub, body):
    return bytes([30, 3 + len(body), sub]) + body


key1, key2 = bytes.fromhex("0102030405060708"), bytes.fromhex("1112131415161718")
recs = [
    ip4(tcp(SYN, mp(0x00, b"\x81" + key1))),            # capable v0 csum
    ip4(tcp(SYN, mp(0x01, b"\x01"))),                   # capable v1 SYN
    ip4(tcp(ACK, mp(0x01, b"\x01" + key1 + key2 + b"\x00\x05"))),
    ip4(tcp(SYN, mp(0x01, b"\x01" + key1 + key2))),     # bad: 20 on SYN
    ip4(tcp(SYN, mp(0x11, b"\x07" + bytes(range(8))))),  # join SYN
    ip4(tcp(SYN | ACK, mp(0x10, b"\x03" + bytes(range(12))))),
    ip4(tcp(ACK, mp(0x10, b"\x00" + bytes(range(21))))),  # join ACK
    ip4(tcp(ACK, mp(0x20, b"\x15" + key1 + bytes([0, 0, 0, 9]) +
                        bytes([0, 0, 0, 7, 0, 5, 0xab, 0xcd])))),  # dss
    ip4(tcp(ACK, mp(0x20, b"\x05" + bytes([0, 0, 0, 9, 0, 0, 0, 8,
                                                 0, 0, 0, 7, 0, 5])))),
    ip4(tcp(ACK, mp(0x20, b"\x01" + bytes([0, 0, 0, 9, 1])))),  # bad dss
    ip4(tcp(ACK, mp(0x30, b"\x02" + bytes([192, 0, 2, 7])))),    # add-addr
    ip4(tcp(ACK, mp(0x31, b"\x02" + bytes([192, 0, 2, 7, 0x1f, 0x90])))),
    ip4(tcp(ACK, mp(0x30, b"\x02" + bytes([192, 0, 2, 7]) + key1))),
    ip4(tcp(ACK, mp(0x30, b"\x02" + bytes([192, 0, 2, 7, 0, 80]) + key1))),
    ip4(tcp(ACK, mp(0x30, b"\x04" + C6))),
    ip4(tcp(ACK, mp(0x30, b"\x04" + C6 + b"\x01\xbb" + key2))),
    ip4(tcp(ACK, mp(0x40, b"\x01\x02\x03"))),           # rem-addr
    ip4(tcp(ACK, mp(0x51, b"\x04"))),                   # prio backup id
    ip4(tcp(ACK, mp(0x50, b""))),                       # prio, 3 bytes
    ip4(tcp(ACK, mp(0x60, b"\x00" + key1))),            # fail
    ip4(tcp(ACK, mp(0x70, b"\x00" + key2))),            # fast-close
    ip4(tcp(ACK, mp(0x80, b"\x00"))),                   # tcprst: unknown
    ip4(tcp(ACK | URG, payload=b"x", urp=1)),           # urg
    ip4(tcp(SYN, doff=4)),                              # too short
    ip4(tcp(SYN, doff=15)),                             # too long
    ip4(tcp(ACK | PSH, payload=b"abcd"), tot=20 + 20 + 10),  # past frame
    ip4(tcp(SYN), opts=b"\x01\x01\x01\x00"),            # IPv4 options
    ip4(tcp(ACK | PSH, payload=b"0123456789abcdef"), frag=0x2000),
    ip4(b"0123456789abcdef", frag=0x0002),              # later fragment
    ip6(0, ext(60, b"\x01\x02\x00\x00") + ext(6, b"\x01\x02\x00\x00") +
        tcp(SYN)),                                      # HBH, DSTOPT
    ip6(43, bytes([6, 2, 0, 1, 0, 0, 0, 0]) + C6 + tcp(SYN)),  # RT6 type 0
    ip6(43, bytes([6, 2, 2, 1, 0, 0, 0, 0]) + C6 + tcp(SYN)),  # RT6 type 2
    ip6(44, bytes([6, 0, 0, 1, 0, 0, 0, 7]) + tcp(ACK | PSH, payload=b"hi")),
    ip6(44, bytes([6, 0, 0, 0, 0, 0, 0, 7]) + tcp(ACK, payload=b"hi")),
    ip6(44, bytes([6, 0, 0, 0x10, 0, 0, 0, 7]) + b"later fragment"),
    ip6(6, tcp(ACK | PSH, payload=b"abcd"), plen=20 + 10),
    ip6(6, tcp(FIN | ACK, seq=7, ack=9)),
]

# Options tcpdump prints its own way, and lengths it flags or chokes on.
ts = bytes([8, 10]) + bytes(range(1, 9))
recs += [
    ip4(tcp(ACK, bytes([6, 6, 0, 0, 0, 5, 7, 6, 0, 0, 0, 6]))),  # echo
    ip4(tcp(ACK, bytes([11, 6, 0, 0, 1, 0, 12, 6, 0, 0, 2, 0]))),  # cc
    ip4(tcp(ACK, bytes([19, 18]) + bytes(range(16)))),  # md5
    ip4(tcp(ACK, bytes([20, 4, 0xc0, 3]))),             # scps
    ip4(tcp(ACK, bytes([28, 4, 0x01, 0x2d, 28, 4, 0x00, 0x3c]))),  # uto
    ip4(tcp(ACK, bytes([29, 8, 1, 2, 0xaa, 0xbb, 0xcc, 0xdd]))),  # tcp-ao
    ip4(tcp(ACK, bytes([29, 3, 1]))),                   # tcp-ao invalid
    ip4(tcp(SYN, bytes([34, 5, 1, 2, 3]))),             # tfo bad cookie
    ip4(tcp(SYN, bytes([254, 4, 0xab, 0xcd]))),         # exp-abcd
    ip4(tcp(SYN, bytes([254, 3, 0xf9]))),               # exp too short
    ip4(tcp(SYN, bytes([2, 5, 5, 0xb4, 0, 1, 1, 1]))),  # mss len 5
    ip4(tcp(SYN, bytes([4, 3, 0, 3, 3, 7]))),           # sackOK len 3
    ip4(tcp(SYN, bytes([3, 4, 7, 0, 1, 1, 1, 1]))),     # wscale len 4
    ip4(tcp(ACK, bytes([5, 10]) + bytes(8))),           # sack 1 block
    ip4(tcp(ACK, bytes([5, 7]) + bytes(5))),            # invalid sack
    ip4(tcp(ACK, bytes([2, 1]))),                       # len < 2
    ip4(tcp(ACK, bytes([1, 2, 12]))),                   # past the header
    ip4(tcp(ACK, bytes([99, 4, 1, 2, 0, 0]))),          # unknown, eol
]
# Cut by the capture: (record, bytes kept).
cuts = [
    (ip4(tcp(SYN, bytes([2, 4, 5, 0xb4, 4, 2]) + ts)), 20 + 20 + 9),
    (ip4(tcp(SYN, bytes([2, 4, 5, 0xb4]) + ts)), 20 + 20 + 1),
    (ip4(tcp(SYN, bytes([2, 4, 5, 0xb4]))), 20 + 20 + 3),
    (ip4(tcp(SYN, bytes([2, 4, 5, 0xb4]))), 20 + 12),
    (ip4(tcp(SYN, bytes([2, 4, 5, 0xb4]))), 20 + 2),
    (ip4(tcp(SYN)), 20 + 20 - 1),
    (ip4(tcp(ACK | PSH, bytes([0, 0, 0, 0]), b"data")), 20 + 22),
    (ip4(tcp(ACK, bytes([29, 8, 1, 2, 0xaa, 0xbb, 0xcc, 0xdd]))), 20 + 26),
    (ip4(tcp(ACK, mp(0x20, b"\x01" + bytes(4)))), 20 + 24),
]
recs = [(r, len(r)) for r in recs] + cuts

with open("tests/data/crafted-print.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for i, (r, n) in enumerate(recs):
        f.write(struct.pack("<IIII", 1000 + i, 0, n, len(r)))
        f.write(r[:n])
