"""Which UNO object LibreOffice 7.4 makes of a plain-text / block-level content control."""
import sys, os
sys.path.insert(0, os.path.dirname(__file__))
import run_edits as R
office, ctx, desktop = R.start_office(sys.argv[1])
try:
    for f in sys.argv[2:]:
        doc = desktop.loadComponentFromURL(R.uno.systemPathToFileUrl(os.path.abspath(f)), "_blank", 0, (R.prop("Hidden", True),))
        print("==", f)
        en = doc.getText().createEnumeration()
        while en.hasMoreElements():
            par = en.nextElement()
            pe = par.createEnumeration()
            while pe.hasMoreElements():
                p = pe.nextElement()
                if p.TextPortionType in ("TextField", "ContentControl"):
                    o = p.TextField if p.TextPortionType == "TextField" else p.ContentControl
                    print(" ", p.TextPortionType, o.getImplementationName(), o.getSupportedServiceNames())
                    info = o.getPropertySetInfo()
                    for pr in info.getProperties():
                        try:
                            v = o.getPropertyValue(pr.Name)
                        except Exception as ex:
                            v = "<%s>" % type(ex).__name__
                        if isinstance(v, (str, bool, int)) or v is None:
                            print("    ", pr.Name, "=", repr(v))
                        else:
                            print("    ", pr.Name, "=", type(v).__name__, (str(v)[:2000] if pr.Name=="InteropGrabBag" else str(v)[:200]))
        doc.close(True)
    desktop.terminate()
finally:
    office.wait(timeout=30)
