#!/bin/sh
# Reproduces everything: generate candidates, edit them in LibreOffice (pass 1), accept/reject/re-save
# the results (pass 2), and print linearised document.xml of every output.
# If a run hangs: kill the soffice.bin started with -env:UserInstallation=.../prof* (by its pid).
set -e
cd "$(dirname "$0")"
soffice --version > lo_version.txt
rm -rf in out1 out2 prof1 prof2 prof3
/usr/bin/python3 gen.py in
/usr/bin/python3 run_edits.py prof1 in out1 > run1.stdout 2>&1
/usr/bin/python3 run_edits.py prof3 out1 out2 pass2 > run2.stdout 2>&1
/usr/bin/python3 probe_field.py prof2 in/sdt_run_plain.docx in/sdt_block.docx in/sdt_run_rich.docx > probe_field.out 2>&1
python3 show.py in/*.docx > in_show.txt
python3 show.py out1/*.docx > out1_show.txt
python3 show.py out2/*.docx > out2_show.txt
rm -rf prof1 prof2 prof3
