#!/usr/bin/env bash
# The Debian package as an administrator meets it, on this machine: build the .deb, install it
# with apt-get (which pulls in the libraries it declares), check what it put where, register
# letters with the installed binary and through the packaged watcher and web configuration,
# upgrade over it (the registry made before is still read, an edited configuration kept),
# remove it (data kept), purge it (data gone). Prints the time of each step.
#
# It installs and purges the package congvan system-wide: run it as root where that is fine
# (CI, a test machine). Exits 77 (skipped) without root, dpkg or apt-get, and refuses to run
# where congvan is already installed, so it never removes a real installation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ] || ! command -v dpkg >/dev/null || ! command -v apt-get >/dev/null; then
  echo "package_test: skipped (needs root, dpkg and apt-get)"
  exit 77
fi
if dpkg-query -W -f='${Status}' congvan 2>/dev/null | grep -q "installed\|config-files"; then
  echo "package_test: congvan is already installed on this machine; this test would remove it" >&2
  exit 1
fi

tmp=$(mktemp -d)
watcher=""
cleanup() {
  if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null || true; fi
  if dpkg-query -W congvan >/dev/null 2>&1; then dpkg --purge congvan >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "package_test: FAILED: $*" >&2; exit 1; }
started=$(date +%s)
step_start=$started
step() {
  local now; now=$(date +%s)
  echo "package_test: $1 ($((now - step_start)) s)"
  step_start=$now
}
expect_file() { [ -f "$1" ] || fail "$1 is missing"; }
# Runs a command as the services' user. setpriv execs it and, as an array rather than a
# function, runs in the background without a shell in between: a signal sent to the job's pid
# reaches congvan itself.
as_congvan=(setpriv --reuid=congvan --regid=congvan --init-groups --)
expect_in() {  # expect_in TEXT NEEDLE WHAT
  grep -qF -- "$2" <<<"$1" || fail "$3: '$2' not found in:"$'\n'"$1"
}

export DEBIAN_FRONTEND=noninteractive OMP_THREAD_LIMIT=1
unset CONGVAN_RULES CONGVAN_MODELS
apt_get() { apt-get -y -q -o Dpkg::Options::=--force-confold "$@" >"$tmp/apt.log" 2>&1 ||
              { cat "$tmp/apt.log" >&2; fail "apt-get $*"; }; }

# --- build ---
deb=$("$root/scripts/package" | tail -1)
case "$(basename "$deb")" in congvan_*_amd64.deb) ;; *) fail "scripts/package printed '$deb'";; esac
expect_file "$deb"
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

# --- install ---
apt_get install --no-install-recommends "$deb"
step "installed with apt-get"
for f in /usr/bin/congvan /usr/share/congvan/rules/header.rules /usr/share/congvan/models/repair.bin \
         /usr/lib/systemd/system/congvan-watch.service /usr/lib/systemd/system/congvan-serve.service \
         /usr/lib/systemd/system/congvan-digest.service /usr/lib/systemd/system/congvan-digest.timer \
         /usr/lib/systemd/system/congvan-worker@.service /etc/congvan/worker.env \
         /usr/share/man/man1/congvan.1.gz /etc/congvan/watch.conf /etc/congvan/serve.json; do
  expect_file "$f"
done
conffiles=$(dpkg-query -W -f='${Conffiles}' congvan)
expect_in "$conffiles" "/etc/congvan/watch.conf" "conffiles"
expect_in "$conffiles" "/etc/congvan/serve.json" "conffiles"
expect_in "$conffiles" "/etc/congvan/worker.env" "conffiles"
depends=$(dpkg-query -W -f='${Depends}' congvan)
for dep in tesseract-ocr-vie libtesseract5 liblept5 libicu72 libsqlite3-0 libpoppler-cpp0v5 libcurl4; do
  expect_in "$depends" "$dep" "Depends"
done
grep -q "^ExecStart=/usr/bin/congvan watch --config /etc/congvan/watch.conf$" \
  /usr/lib/systemd/system/congvan-watch.service || fail "congvan-watch.service does not run /usr/bin/congvan"
grep -q "^ExecStart=/usr/bin/congvan serve --config /etc/congvan/serve.json$" \
  /usr/lib/systemd/system/congvan-serve.service || fail "congvan-serve.service does not run /usr/bin/congvan"
if command -v systemd-analyze >/dev/null; then
  for unit in congvan-watch.service congvan-serve.service congvan-digest.service congvan-digest.timer; do
    systemd-analyze verify --man=no "/usr/lib/systemd/system/$unit" >"$tmp/verify.log" 2>&1 ||
      { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify $unit"; }
  done
  # A template unit is verified through an instance of it.
  mkdir -p "$tmp/units"
  cp /usr/lib/systemd/system/congvan-worker@.service "$tmp/units/"
  ln -s congvan-worker@.service "$tmp/units/congvan-worker@1.service"
  systemd-analyze verify --man=no "$tmp/units/congvan-worker@1.service" >"$tmp/verify.log" 2>&1 ||
    { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify congvan-worker@1.service"; }
fi
getent passwd congvan >/dev/null || fail "no congvan user"
[ "$(stat -c %U:%a /var/lib/congvan)" = "congvan:750" ] || fail "/var/lib/congvan: $(stat -c %U:%a /var/lib/congvan)"
[ -d /var/lib/congvan/inbox ] || fail "/var/lib/congvan/inbox is missing"
man -l /usr/share/man/man1/congvan.1.gz 2>/dev/null | grep -q "ingest" || \
  zcat /usr/share/man/man1/congvan.1.gz | grep -q "ingest" || fail "the man page lists no commands"
step "files, conffiles, dependencies, units and user in place"

# --- the installed binary, away from the source tree ---
cd "$tmp"
version=$(/usr/bin/congvan --version)
expect_in "$version" "congvan $(sed -n 's/^project(congvan VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")" "--version"
for word in "Tesseract 5" "Leptonica 1" "ICU 72" "SQLite 3" "Tesseract model vie: /usr/share/tesseract-ocr" \
            "rules: /usr/share/congvan/rules" "repair model: /usr/share/congvan/models/repair.bin ("; do
  expect_in "$version" "$word" "--version"
done
samples=("$root/corpus/samples/seed-000_a6046faea36eee60.txt" "$root/corpus/samples/kh-245-twdtn-degraded.png")
out=$(/usr/bin/congvan ingest --db "$tmp/mine.db" "${samples[@]}") || fail "congvan ingest: $out"
[ "$(grep -c "^registered" <<<"$out")" -eq 2 ] || fail "congvan ingest did not register both samples: $out"
tasks=$(/usr/bin/congvan tasks --db "$tmp/mine.db")
[ -n "$tasks" ] || fail "congvan tasks printed nothing"
step "--version and ingest of a letter and a scan with the installed binary"

# --- the services' registry, as the congvan user: the watcher with the packaged configuration ---
cp "$root/corpus/samples/seed-001_b8c21598dec75cc1.txt" /var/lib/congvan/inbox/cv-1.txt
chown congvan:congvan /var/lib/congvan/inbox/cv-1.txt
"${as_congvan[@]}" /usr/bin/congvan watch --config /etc/congvan/watch.conf >"$tmp/watch.log" 2>&1 &
watcher=$!
for _ in $(seq 120); do
  if find /var/lib/congvan/inbox/processed -name cv-1.txt 2>/dev/null | grep -q .; then break; fi
  kill -0 "$watcher" 2>/dev/null || { cat "$tmp/watch.log" >&2; fail "the watcher exited"; }
  sleep 0.5
done
kill -TERM "$watcher"
wait "$watcher" || { cat "$tmp/watch.log" >&2; fail "the watcher did not exit 0 on SIGTERM"; }
watcher=""
find /var/lib/congvan/inbox/processed -name cv-1.txt | grep -q . || { cat "$tmp/watch.log" >&2; fail "the dropped letter was not registered"; }
before=$("${as_congvan[@]}" /usr/bin/congvan list --db /var/lib/congvan/registry.db)
expect_in "$before" "cv-1.txt" "congvan list of the services' registry"
step "watch --config /etc/congvan/watch.conf as user congvan registered a dropped letter"

# --- the web page with the packaged configuration (on a free port instead of 8080) ---
"${as_congvan[@]}" /usr/bin/congvan serve --config /etc/congvan/serve.json --listen 127.0.0.1:0 \
  >"$tmp/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 60); do
  url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$tmp/serve.log")
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { kill "$server"; cat "$tmp/serve.log" >&2; fail "congvan serve did not start"; }
page=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/api/documents").read().decode())' "$url") ||
  { kill "$server"; fail "GET /api/documents"; }
kill -TERM "$server"; wait "$server" || fail "congvan serve did not exit 0 on SIGTERM"
expect_in "$page" "cv-1.txt" "the web page's documents"
step "serve --config /etc/congvan/serve.json showed the registry"

# --- upgrade over itself: an edited configuration is kept, the registry still read ---
echo "# edited by the administrator" >>/etc/congvan/watch.conf
apt_get install --reinstall "$deb"
grep -q "^# edited by the administrator$" /etc/congvan/watch.conf || fail "the upgrade replaced an edited conffile"
after=$("${as_congvan[@]}" /usr/bin/congvan list --db /var/lib/congvan/registry.db)
[ "$before" = "$after" ] || fail "the registry reads differently after the upgrade"$'\n'"$before"$'\n'"$after"
[ "$(/usr/bin/congvan tasks --db "$tmp/mine.db")" = "$tasks" ] || fail "tasks differ after the upgrade"
step "upgraded over itself (conffile kept, registries read)"

# --- remove: program gone, data and configuration kept ---
apt_get remove congvan
[ ! -e /usr/bin/congvan ] || fail "/usr/bin/congvan is still there after remove"
expect_file /var/lib/congvan/registry.db
expect_file /etc/congvan/watch.conf
find /var/lib/congvan/registry.db.originals -type f | grep -q . || fail "the originals went with remove"
step "removed (registry, originals and configuration kept)"

# --- purge: data and configuration gone ---
apt_get purge congvan
[ ! -e /var/lib/congvan ] || fail "/var/lib/congvan is still there after purge"
[ ! -e /etc/congvan ] || fail "/etc/congvan is still there after purge"
! dpkg-query -W congvan >/dev/null 2>&1 || fail "dpkg still knows congvan after purge"
step "purged (data and configuration gone)"

echo "package_test: passed in $(( $(date +%s) - started )) s"
