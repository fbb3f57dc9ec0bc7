#!/bin/sh
# package-files.sh MAVEN_VERSION BASEDIR OUTDIR: the generated files of the packages, run by the Maven
# build (exec-maven-plugin, prepare-package phase); jdeb and the assembly plugin then pick them up.
#   OUTDIR/deb/changelog.Debian.gz  src/deb/doc/changelog with the package's version: jdeb turns
#                                   0.1.0-SNAPSHOT into 0.1.0~SNAPSHOT, the control file adds revision -1
#   OUTDIR/deb/galdav.1.gz          the man page
#   OUTDIR/deb/galdav.service       the unit template with the Debian paths (src/deb/unit.properties)
#   OUTDIR/dist/galdav.service      the unit template with the /opt/galdav paths (src/assembly/unit.properties)
# gzip -n leaves out name and time stamp: the same sources give the same bytes (lintian:
# package-contains-timestamped-gzip).
set -eu

version=$(printf '%s' "$1" | sed 's/-SNAPSHOT$/~SNAPSHOT/')-1
base=$2
out=$3
mkdir -p "$out/deb" "$out/dist"

sed "s/@DEB_VERSION@/$version/" "$base/src/deb/doc/changelog" | gzip -9n > "$out/deb/changelog.Debian.gz"
gzip -9n < "$base/src/dist/man/galdav.1" > "$out/deb/galdav.1.gz"

# ${key} in the template becomes the key's value from a properties file (key=value lines, # comments);
# a key the file lacks stops the build.
render() {
    awk -v props="$1" '
        BEGIN {
            while ((getline line < props) > 0) {
                if (line ~ /^[[:space:]]*(#|$)/) continue
                eq = index(line, "=")
                values[substr(line, 1, eq - 1)] = substr(line, eq + 1)
            }
        }
        {
            while (match($0, /\$\{[A-Za-z0-9._-]+\}/)) {
                key = substr($0, RSTART + 2, RLENGTH - 3)
                if (!(key in values)) {
                    print "package-files.sh: " props " has no " key > "/dev/stderr"
                    exit 1
                }
                $0 = substr($0, 1, RSTART - 1) values[key] substr($0, RSTART + RLENGTH)
            }
            print
        }' "$base/src/dist/systemd/galdav.service" > "$2"
}
render "$base/src/deb/unit.properties" "$out/deb/galdav.service"
render "$base/src/assembly/unit.properties" "$out/dist/galdav.service"
