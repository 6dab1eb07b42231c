"""Opens Word files in LibreOffice (headless, through UNO), updates every field from its
source -- REF fields from their bookmarks, PAGE/NUMPAGES from the layout -- and saves each
as UTF-8 text beside the file (name.txt). What LibreOffice then prints is what it computed,
not the cached results the files carry.

With --accept or --reject first, every tracked change is accepted (or rejected) before the
fields are updated, and the text goes to name.accept.txt (name.reject.txt): what Word's
"Accept All" / "Reject All" would leave.

Usage: /usr/bin/python3 lo_refresh.py [--accept|--reject] PROFILE_DIR FILE.docx...
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    args = sys.argv[1:]
    mode = None
    if args and args[0] in ("--accept", "--reject"):
        mode = args.pop(0)[2:]
    profile, files = args[0], args[1:]
    pipe = "dealdraft%d" % os.getpid()
    office = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=file://" + os.path.abspath(profile),
            "--headless",
            "--norestore",
            "--accept=pipe,name=%s;urp;" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        for _ in range(300):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
                )
                break
            except Exception:
                time.sleep(0.1)
        if ctx is None:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        for f in files:
            url = uno.systemPathToFileUrl(os.path.abspath(f))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            suffix = ".txt"
            if mode is not None:
                helper = ctx.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.DispatchHelper", ctx
                )
                command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                frame = doc.getCurrentController().getFrame()
                helper.executeDispatch(frame, command, "", 0, ())
                suffix = "." + mode + ".txt"
            doc.getTextFields().refresh()
            doc.refresh()
            out = uno.systemPathToFileUrl(os.path.abspath(os.path.splitext(f)[0] + suffix))
            doc.storeToURL(out, (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
