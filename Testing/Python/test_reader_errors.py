"""Every malformed fixture archive gives a clear error (naming the archive, and the words the
manifest expects) and an empty output; suspicious but readable ones give a warning."""
import json

import paravoxel
from paravoxel_testing import ErrorCatcher, data_path, fail


def read(archive, volume=None):
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(data_path(archive))
    if volume:
        reader.SetVolume(volume)
    reader.Update()
    return reader.GetOutput(), catcher


def main():
    with open(data_path("manifest.json")) as f:
        manifest = json.load(f)
    if len(manifest["malformed"]) < 15:
        fail("expected the full set of malformed fixtures, found %d" % len(manifest["malformed"]))
    for entry in manifest["malformed"]:
        archive = entry["archive"]
        output, catcher = read(archive, entry.get("volume"))
        if not catcher.errors:
            fail("%s: no error reported" % archive)
        message = " ".join(catcher.errors)
        if archive not in message:
            fail("%s: the error does not name the archive: %s" % (archive, message))
        if entry["error"] not in message:
            fail("%s: expected %r in the error, got: %s" % (archive, entry["error"], message))
        if output.GetNumberOfPoints() != 0:
            fail("%s: output should be empty, has %d points" % (archive, output.GetNumberOfPoints()))
        print("%-28s %s" % (archive, message.strip().splitlines()[-1][:160]))

    for entry in manifest["warnings"]:
        output, catcher = read(entry["archive"])
        if catcher.errors:
            fail("%s: unexpected error %s" % (entry["archive"], catcher.errors))
        if not any(entry["warning"] in w for w in catcher.warnings):
            fail("%s: expected a warning with %r, got %s" % (entry["archive"], entry["warning"], catcher.warnings))
        if list(output.GetSpacing()) != entry["spacing"]:
            fail("%s: spacing %s, expected %s" % (entry["archive"], output.GetSpacing(), entry["spacing"]))

    # A missing file and an unset FileName are errors too, not crashes.
    output, catcher = read("does_not_exist.zip")
    if not catcher.errors or "no such file" not in catcher.errors[0]:
        fail("missing file: %s" % catcher.errors)
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.Update()
    if not catcher.errors or "No FileName" not in catcher.errors[0]:
        fail("no FileName: %s" % catcher.errors)
    # Naming a member that is not there.
    output, catcher = read("mixed_members.zip", "attention/structural/missing.hdr")
    if not catcher.errors or "there is no member" not in catcher.errors[0]:
        fail("missing member: %s" % catcher.errors)
    output, catcher = read("mixed_members.zip", "attention/README.txt")
    if not catcher.errors or "not an Analyze/NIfTI volume" not in catcher.errors[0]:
        fail("non-image member: %s" % catcher.errors)
    # Resource limits: a clear error that names the limit and how to raise it.
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(data_path("mixed_members.zip"))
    reader.SetMaximumMemberMegabytes(1.0)
    reader.Update()
    if not catcher.errors or "raise MaximumMemberMegabytes" not in catcher.errors[0]:
        fail("member size limit: %s" % catcher.errors)
    reader.SetMaximumMemberMegabytes(16384)
    reader.SetMaximumVoxels(1000)
    catcher.errors.clear()
    reader.Update()
    if not catcher.errors or "raise MaximumVoxels" not in catcher.errors[0]:
        fail("voxel limit: %s" % catcher.errors)
    print("all malformed archives end in clear errors")


main()
