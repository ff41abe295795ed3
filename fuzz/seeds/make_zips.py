# make_zips.py - writes small zip archives (stored, deflated, directory, traversal name, symlink) as fuzz seeds.
import stat, sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(out + "/plain.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("1_build.txt", "2025-04-07T12:57:33.2904078Z ##[group]Run make\nerror: x\n" * 4)
    z.writestr("build/2_test.txt", "ok\n")
    z.writestr("dir/", "")
with zipfile.ZipFile(out + "/stored.zip", "w", zipfile.ZIP_STORED) as z:
    z.writestr("a.txt", "hello\n")
with zipfile.ZipFile(out + "/evil.zip", "w") as z:
    z.writestr("../escape.txt", "x")
    i = zipfile.ZipInfo("link")
    i.external_attr = (stat.S_IFLNK | 0o777) << 16
    z.writestr(i, "/etc/passwd")
