"""The frozen program's entry point: the same command line as the `annotator` script.

Annotator starts helper processes of its own as ``sys.executable -m annotator.…`` (the
background backup) and ``sys.executable -c CODE`` (reading a large export ahead). In a frozen
build ``sys.executable`` is this program, so it answers those two forms as the interpreter
would; only Annotator itself (``annotator``, ``annotator.…``) is run with ``-m``.
"""

import runpy
import sys


def main() -> None:
    args = sys.argv
    if len(args) > 2 and args[1] == "-m" and args[2].split(".")[0] == "annotator":
        module = args[2]
        sys.argv = [args[0], *args[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return
    if len(args) > 2 and args[1] == "-c":
        code = args[2]
        sys.argv = ["-c", *args[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
        return
    from annotator.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
