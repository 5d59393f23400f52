#!/usr/bin/env python3
"""test/ptyrun.py - run a command on a new pseudo-terminal and talk to it.

    ptyrun.py [-t SECONDS] [-e REGEX | -s TEXT | -w SECONDS | -r COLSxROWS]... -- CMD ARGS...

Steps run in order: -e waits (bounded by -t, default 20 s) until the output
so far matches REGEX (Python syntax, DOTALL), failing with status 99 if it
never does; -s sends TEXT (backslash escapes: \\n \\r \\x1b ...); -w sleeps;
-r resizes the terminal (the child gets SIGWINCH).  After the steps the
output is read until the child exits (bounded), then everything it wrote
is printed on stdout and the child's exit status is ours (128+n for a
signal).  For the tests of shrew's prompts, raw mode and escapes.
"""
import os
import pty
import re
import select
import signal
import struct
import sys
import time
import fcntl
import termios


def parse(argv):
    timeout = 20.0
    steps = []
    i = 0
    while i < len(argv) and argv[i] != "--":
        a = argv[i]
        if a == "-t":
            timeout = float(argv[i + 1])
        elif a in ("-e", "-s", "-w", "-r"):
            steps.append((a, argv[i + 1]))
        else:
            sys.exit("ptyrun: unknown flag " + a)
        i += 2
    return timeout, steps, argv[i + 1:]


def set_size(fd, spec):
    cols, rows = (int(x) for x in spec.split("x"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    timeout, steps, cmd = parse(sys.argv[1:])
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    set_size(fd, "80x24")
    out = bytearray()
    deadline = time.time() + timeout

    def pump(wait):
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        out.extend(data)
        return True

    status = None
    for kind, arg in steps:
        if kind == "-e":
            pat = re.compile(arg.encode(), re.S)
            while not pat.search(out):
                if time.time() > deadline or not pump(0.2) and not pat.search(out):
                    sys.stdout.write(out.decode("utf-8", "replace"))
                    sys.stdout.write("\nptyrun: never saw %r\n" % arg)
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    sys.exit(99)
        elif kind == "-s":
            os.write(fd, arg.encode().decode("unicode_escape").encode("latin-1"))
        elif kind == "-w":
            end = time.time() + float(arg)
            while time.time() < end:
                pump(0.05)
        elif kind == "-r":
            set_size(fd, arg)
            os.kill(pid, signal.SIGWINCH)
    while time.time() < deadline:
        if not pump(0.2):
            break
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            while pump(0.1):
                pass
            break
    if status is None:
        # the pty may close a moment before the child exits
        done, st = os.waitpid(pid, os.WNOHANG)
        while not done and time.time() < deadline:
            time.sleep(0.05)
            done, st = os.waitpid(pid, os.WNOHANG)
        if not done:
            os.kill(pid, signal.SIGKILL)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stdout.write("\nptyrun: timed out\n")
            os.waitpid(pid, 0)
            sys.exit(98)
        status = st
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.stdout.flush()
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


main()
