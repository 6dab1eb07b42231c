// dealdraft serve: placeholder; the front end replaces this file.
