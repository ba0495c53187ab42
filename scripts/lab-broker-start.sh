#!/bin/sh
# Starts a lab's broker for the labs' docker-compose.yml files (`npm run compose -- labNN up`),
# with its files laid out exactly as the scenarios lay them out. `npm run broker` does not use it:
# it starts its brokers through the scenarios' own service layer (support/services/).
#
# It MIRRORS support/brokers/lab-files.ts, which it cannot call (it runs inside the container,
# where there is no Node): the files not for the broker (NOT_FOR_THE_BROKER), the break-it
# overlay laid over by name, sub-folders except break-it/ (readLabFolders), users.txt hashed into
# passwd (support/brokers/password-file.ts). tests/unit/lab-broker-start.test.ts fails when its
# list of files not for the broker differs from lab-files.ts's.
#
# Usage, inside the broker image: sh /lab-broker-start.sh <config file of the lab>
#   /lab       the lab's folder brokers/labNN/ (a read-only mount, or a copy)
#   /break-it  optional: a break-it folder whose files replace the lab's (BREAK_IT=labNN/<name>)
#   /lab-www   optional: the web page a websockets listener's `http_dir` serves (lab 11), copied
#              to /mosquitto/config/www
# Sub-folders of the lab (certs/ of lab 13, made by `npm run certs`) are copied too, except
# break-it/: folders 0700 and files 0600, owned by mosquitto, like the single files.
#
# Why copy instead of mounting the files straight into /mosquitto/config:
#  - the image's entrypoint hands /mosquitto to user mosquitto (chown -R); read-only mounts in
#    there make it print "chown: ... Read-only file system" for every file;
#  - Mosquitto opens password and ACL files after dropping from root to user mosquitto, and
#    2.0.16+ warns ("Future versions will refuse to load this file") about files that user does
#    not own or that others may read. Copies owned by mosquitto with mode 0600 are what the
#    scenarios give the broker too (support/services/, the mosquitto kind's ownFiles).
#
# LF line ends only: sh stops at the first CR (`set: Illegal option -`). .gitattributes keeps
# this file LF on a Windows checkout too: the compose files mount it as it is on disk.
set -eu

config="${1:?usage: lab-broker-start.sh <config file of the lab, e.g. mosquitto.conf>}"
target=/mosquitto/config

# The lab's broker files: every regular file of the folder except those written for humans or
# for docker compose (the same list as NOT_FOR_THE_BROKER in support/brokers/lab-files.ts).
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

# A folder the configurations name (certs/, www/): copied whole, for user mosquitto alone.
copy_folder() {
  rm -rf "$2"
  cp -R "$1" "$2"
  chown -R mosquitto:mosquitto "$2"
  find "$2" -type d -exec chmod 0700 {} +
  find "$2" -type f -exec chmod 0600 {} +
}

copy_broker_files /lab
for folder in /lab/*/; do
  [ -d "$folder" ] || continue
  name="$(basename "$folder")"
  [ "$name" = break-it ] || copy_folder "$folder" "$target/$name"
done
if [ -d /lab-www ]; then copy_folder /lab-www "$target/www"; fi
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
