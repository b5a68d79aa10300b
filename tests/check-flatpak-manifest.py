#!/usr/bin/env python3
"""Checks the Flatpak manifest: valid JSON, the GNOME runtime and SDK, the app built with
meson from this tree, and finish-args no wider than the app needs. Secrets (libsecret)
and printing (GtkPrintOperation) go through the portals, so neither the host keyring's
bus name nor any file system access may appear."""
import json
import sys

ALLOWED = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri"}
REQUIRED = ALLOWED

path = sys.argv[1]
status = 0


def fail(message):
    global status
    print("not ok:", message)
    status = 1


try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    print("not ok: cannot read", path, ":", e)
    sys.exit(1)

if manifest.get("id") != "io.github.boxoffice.BoxOffice":
    fail("id is %r" % manifest.get("id"))
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    fail("not the GNOME runtime and SDK")
try:
    if int(str(manifest.get("runtime-version"))) < 47:
        fail("runtime-version %r is no longer a supported GNOME runtime" % manifest.get("runtime-version"))
except ValueError:
    fail("runtime-version %r is not a stable GNOME release" % manifest.get("runtime-version"))
if manifest.get("command") != "boxoffice":
    fail("command is %r" % manifest.get("command"))

args = set(manifest.get("finish-args", []))
for extra in sorted(args - ALLOWED):
    fail("finish-arg %s is wider than the app needs" % extra)
for missing in sorted(REQUIRED - args):
    fail("finish-arg %s is missing" % missing)

modules = manifest.get("modules", [])
app = modules[-1] if modules else {}
if app.get("name") != "boxoffice" or app.get("buildsystem") != "meson":
    fail("the last module must build boxoffice with meson")
if "-Dtests=false" not in app.get("config-opts", []):
    fail("the app module should not build the test suite")

if status == 0:
    print("ok:", path)
sys.exit(status)
