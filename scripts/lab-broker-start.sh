#!/bin/sh
# Starts a lab's broker for playing by hand (`npm run broker -- labNN`, the labs'
# docker-compose.yml files), with its files laid out exactly as the scenarios lay them out.
#
# Usage, inside the broker image: sh /lab-broker-start.sh <config file of the lab>
#   /lab       the lab's folder brokers/labNN/ (a read-only mount, or a copy)
#   /break-it  optional: a break-it folder whose files replace the lab's (BREAK_IT=labNN/<name>)
#
# Why copy instead of mounting the files straight into /mosquitto/config:
#  - the image's entrypoint hands /mosquitto to user mosquitto (chown -R); read-only mounts in
#    there make it print "chown: ... Read-only file system" for every file;
#  - Mosquitto opens password and ACL files after dropping from root to user mosquitto, and
#    2.0.16+ warns ("Future versions will refuse to load this file") about files that user does
#    not own or that others may read. Copies owned by mosquitto with mode 0600 are what the
#    scenarios give the broker too (support/brokers/mosquitto-container.ts).
set -eu

config="${1:?usage: lab-broker-start.sh <config file of the lab, e.g. mosquitto.conf>}"
target=/mosquitto/config

# The lab's broker files: every regular file of the folder except those written for humans or
# for docker compose (the same list as support/brokers/lab-files.ts).
copy_broker_files() {
  for file in "$1"/*; do
    [ -f "$file" ] || continue
    name="$(basename "$file")"
    case "$name" in
      docker-compose.yml | README.md | EXPECTED-FAILURES) continue ;;
    esac
    cp "$file" "$target/$name"
    chown mosquitto:mosquitto "$target/$name"
    chmod 0600 "$target/$name"
  done
}

copy_broker_files /lab
if [ -d /break-it ]; then copy_broker_files /break-it; fi

# A lab with demo users (users.txt, plain `user:password` lines) gets the hashed password file
# its configs name, made the way the scenarios make it (support/brokers/password-file.ts): comments
# dropped (mosquitto_passwd -U calls them corrupt), hashed in place, owned by mosquitto.
if [ -f "$target/users.txt" ]; then
  (
    umask 077
    grep -v -e '^#' -e '^[[:space:]]*$' "$target/users.txt" > "$target/passwd"
  )
  mosquitto_passwd -U "$target/passwd"
  chown mosquitto:mosquitto "$target/passwd"
fi

if [ ! -f "$target/$config" ]; then
  echo "There is no broker configuration $config in this lab's folder." >&2
  exit 2
fi
exec mosquitto -c "$target/$config"
