#!/usr/bin/env bash
# Prepares a machine to run the labs: `npm run setup`.
#
#   1. Node.js and the npm packages (the test code is TypeScript run by cucumber).
#   2. A running Docker engine (every lab starts real Mosquitto brokers in containers).
#   3. The broker image, built from brokers/image/Dockerfile.
#   4. Chrome or Chromium for the browser scenarios (lab 11), driven by playwright-core.
#
# It is safe to run again: every step first checks whether its work is already
# done, so a second run takes a few seconds. Each step prints one line; long
# commands write to a log file and the last lines are shown only if they fail.
#
# Environment:
#   MOSQUITTO_IMAGE          use this image instead of building one (must exist
#                            locally or be pullable)
#   MQTT_LABS_DEBIAN_MIRROR  Debian mirror for debootstrap (default: read from
#                            this machine's apt sources)
#   MQTT_LABS_CHROMIUM       Chrome/Chromium executable for the browser scenarios
#                            (default: found at the usual places, see support/clients/chromium.ts)
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # run from the repository root

IMAGE_DIR=brokers/image
IMAGE_FILE="$IMAGE_DIR/.image"           # read by the test runner
BASE_IMAGE=debian:trixie-slim            # what the Dockerfile builds on by default
LOCAL_BASE_IMAGE=mqtt-labs/debian-base:trixie   # made with debootstrap when no registry
DEBIAN_SUITE=trixie
LOG_DIR="${TMPDIR:-/tmp}/mqtt-labs-setup"
DOCKERD_LOG=/var/log/mqtt-labs-dockerd.log

# ---------------------------------------------------------------- helpers ----

if [ -n "${EPOCHREALTIME:-}" ]; then START="$EPOCHREALTIME"; else START="$SECONDS"; fi
elapsed() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    awk -v a="$START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'
  else
    echo "$((SECONDS - START)) s"
  fi
}

step() { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() {
  printf '\nsetup failed: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '  %s\n' "$line" >&2; done
  exit 1
}
# An unexpected failing command: say where, briefly, instead of a bare exit.
trap 'die "command failed (scripts/setup.sh line $LINENO): $BASH_COMMAND"' ERR

# run_logged LOGNAME DESCRIPTION COMMAND...: run quietly, show the log tail on failure.
run_logged() {
  local log="$LOG_DIR/$1.log" what="$2"
  shift 2
  mkdir -p "$LOG_DIR"
  if ! "$@" >"$log" 2>&1; then
    printf '\n--- last lines of %s ---\n' "$log" >&2
    tail -n 25 "$log" >&2 || true
    trap - ERR
    die "$what failed (full log: $log)"
  fi
}

is_root() { [ "$(id -u)" -eq 0 ]; }
# pull_with_limit SECONDS IMAGE: docker pull that gives up after SECONDS. Not `timeout`, which
# stock macOS does not have: the pull runs in the background and a watchdog stops it.
pull_with_limit() {
  docker pull -q "$2" >/dev/null 2>&1 &
  local pull=$!
  ( sleep "$1"; kill "$pull" 2>/dev/null ) >/dev/null 2>&1 &
  local watchdog=$!
  local status=0
  wait "$pull" || status=$?
  kill "$watchdog" 2>/dev/null || true
  wait "$watchdog" 2>/dev/null || true
  return "$status"
}
have() { command -v "$1" >/dev/null 2>&1; }
docker_ok() { docker info >/dev/null 2>&1; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# ------------------------------------------------------ 1. Node and npm ----
# The labs are TypeScript run with cucumber; the packages need Node >= 20.19
# (that is the first Node 20 that can require() ES modules, which chai 6 is).

have node || die "Node.js is not installed." "Install Node.js 20.19 or newer (https://nodejs.org), then run: npm run setup"
NODE_VERSION="$(node -p process.versions.node)"
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  die "Node.js $NODE_VERSION is too old." "Install Node.js 20.19 or newer, then run: npm run setup"
fi
step "Node.js $NODE_VERSION"

# npm writes node_modules/.package-lock.json after every install, so comparing it
# with package-lock.json tells whether the installed packages are up to date.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages (npm ci)"
    run_logged npm "npm ci" npm ci --no-audit --no-fund
  else
    step "npm packages up to date"
  fi
else
  step "Installing npm packages (npm install: there is no package-lock.json yet)"
  run_logged npm "npm install" npm install --no-audit --no-fund
fi

# ----------------------------------------------------- 2. Docker engine ----
# testcontainers talks to a Docker engine. On a developer machine that is
# usually Docker Desktop; on a bare Linux server or CI machine we install and
# start Debian's engine (package docker.io) ourselves.

# Starts dockerd in the background (no systemd needed) and waits until it answers.
start_dockerd() {
  # A dockerd may already be starting (pid file of a live process): just wait for it.
  if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
    info "dockerd is already starting (pid $(cat /var/run/docker.pid)), waiting for it"
  else
    info "starting dockerd in the background (log: $DOCKERD_LOG)"
    # setsid + nohup: the engine must outlive this script and its terminal.
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  local i
  for i in $(seq 1 30); do
    docker_ok && return 0
    sleep 1
  done
  printf '\n--- last lines of %s ---\n' "$DOCKERD_LOG" >&2
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  trap - ERR
  die "the Docker engine did not answer within 30 s." "See $DOCKERD_LOG"
}

if docker_ok; then
  step "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') is running"
elif [ "$(uname -s)" = Linux ] && have apt-get && is_root; then
  if ! have dockerd; then
    # Only the engine package: a docker client may already be installed
    # (for example in /usr/local/bin), that is fine and stays first in PATH.
    step "Installing the Docker engine (apt: docker.io)"
    run_logged apt "apt-get update" apt-get update
    run_logged apt "apt-get install docker.io" \
      env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io
  fi
  step "Starting the Docker engine"
  start_dockerd
  step "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') is running"
else
  case "$(uname -s)" in
    Darwin) hint="Start Docker Desktop (or another engine such as colima), then run: npm run setup" ;;
    MINGW*|MSYS*|CYGWIN*) hint="Start Docker Desktop (WSL 2 backend), then run: npm run setup" ;;
    Linux)
      if ! have docker; then
        hint="Install Docker (ask an administrator if you have no root access), then run: npm run setup"
      else
        hint="Start the Docker engine (for example: sudo systemctl start docker), make sure your user may use it (group docker), then run: npm run setup"
      fi ;;
    *) hint="Install and start a Docker engine, then run: npm run setup" ;;
  esac
  die "no Docker engine is reachable (docker info fails)." "$hint"
fi

# ---------------------------------------------------- 3. Broker image ----

# The first Debian mirror in this machine's apt sources (the one serving a plain
# suite like "bookworm", not -security/-updates). Supports deb822 *.sources and
# one-line *.list files. Nothing is hard-coded: the machine already knows its mirror.
debian_mirror() {
  if [ -n "${MQTT_LABS_DEBIAN_MIRROR:-}" ]; then echo "$MQTT_LABS_DEBIAN_MIRROR"; return; fi
  {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] || continue
      awk '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && enabled != "no" && plain && uri != "") print uri
          types = ""; uri = ""; enabled = ""; plain = 0
        }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        {
          key = tolower($1); sub(/:$/, "", key)
          if (key == "types") { $1 = ""; types = $0 " " }
          else if (key == "uris") { uri = $2 }
          else if (key == "enabled") { enabled = tolower($2) }
          else if (key == "suites") { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+$/) plain = 1 }
        }
        END { flush() }' "$f"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -e 's/\[[^]]*\]//' |
      awk '$1 == "deb" && $3 ~ /^[a-z]+$/ { print $2 }'
  } | grep -E '^(https?|ftp)://' | head -n 1 || true
}

# Makes a Debian trixie base image without any registry: debootstrap downloads
# the packages from the Debian mirror, docker import turns the tree into an image.
make_local_base() {
  if ! have debootstrap; then
    info "installing debootstrap (apt)"
    run_logged apt "apt-get update" apt-get update
    run_logged apt "apt-get install debootstrap" \
      env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap
  fi
  local mirror script dir
  mirror="$(debian_mirror)"
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list*." \
    "Set MQTT_LABS_DEBIAN_MIRROR to a Debian mirror URL and run again."
  # An older debootstrap may not know the suite yet; trixie is built like sid.
  script="/usr/share/debootstrap/scripts/$DEBIAN_SUITE"
  [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
  dir="$(mktemp -d /var/tmp/mqtt-labs-debootstrap.XXXXXX)"
  # Remove the (root-owned, ~200 MB) tree whatever happens.
  trap "rm -rf '$dir'" EXIT
  info "debootstrap $DEBIAN_SUITE from $mirror (about a minute)"
  run_logged debootstrap "debootstrap" \
    debootstrap --variant=minbase "$DEBIAN_SUITE" "$dir" "$mirror" "$script"
  # Slim it like the official debian:*-slim images: no package caches, man
  # pages, translations or docs (the copyright files stay).
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/* \
    "$dir"/var/log/bootstrap.log "$dir"/usr/share/man/* "$dir"/usr/share/info/*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  find "$dir/usr/share/doc" -mindepth 2 ! -type d ! -name copyright -delete
  find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete
  info "importing it as $LOCAL_BASE_IMAGE"
  run_logged import "docker import" \
    sh -c "tar --numeric-owner -C '$dir' -c . | docker import --change 'CMD [\"bash\"]' - '$LOCAL_BASE_IMAGE'"
  rm -rf "$dir"
  trap - EXIT
}

if [ -n "${MOSQUITTO_IMAGE:-}" ]; then
  # A teacher or CI may bring its own broker image: use it as it is.
  if image_exists "$MOSQUITTO_IMAGE"; then
    step "Broker image $MOSQUITTO_IMAGE (from MOSQUITTO_IMAGE) is present"
  else
    step "Pulling broker image $MOSQUITTO_IMAGE (from MOSQUITTO_IMAGE)"
    run_logged pull "docker pull $MOSQUITTO_IMAGE" docker pull "$MOSQUITTO_IMAGE"
  fi
  IMAGE="$MOSQUITTO_IMAGE"
  info "not writing $IMAGE_FILE: MOSQUITTO_IMAGE takes precedence while it is set"
else
  # The tag names the Mosquitto version and a hash of the build context (the
  # Dockerfile and its entrypoint), so the image is rebuilt exactly when they change.
  MOSQUITTO_VERSION="$(sed -n 's/^ARG MOSQUITTO_VERSION=//p' "$IMAGE_DIR/Dockerfile" | head -n 1)"
  [ -n "$MOSQUITTO_VERSION" ] || die "no 'ARG MOSQUITTO_VERSION=' line in $IMAGE_DIR/Dockerfile"
  if have sha256sum; then HASH="$(cat "$IMAGE_DIR/Dockerfile" "$IMAGE_DIR/docker-entrypoint.sh" | sha256sum | cut -c1-8)"
  else HASH="$(cat "$IMAGE_DIR/Dockerfile" "$IMAGE_DIR/docker-entrypoint.sh" | shasum -a 256 | cut -c1-8)"; fi
  IMAGE="mqtt-labs/mosquitto:$MOSQUITTO_VERSION-$HASH"

  if image_exists "$IMAGE"; then
    step "Broker image $IMAGE is up to date"
  else
    step "Building broker image $IMAGE"
    # The base: the official Debian image if we have or can pull it, else one
    # made locally with debootstrap (machines that reach no registry).
    BASE=""
    if image_exists "$BASE_IMAGE"; then
      BASE="$BASE_IMAGE"
    elif image_exists "$LOCAL_BASE_IMAGE"; then
      BASE="$LOCAL_BASE_IMAGE"
    else
      info "pulling $BASE_IMAGE (gives up after 20 s)"
      if pull_with_limit 20 "$BASE_IMAGE"; then BASE="$BASE_IMAGE"; fi
    fi
    if [ -z "$BASE" ]; then
      if [ "$(uname -s)" = Linux ] && have apt-get && is_root; then
        info "no registry reachable: making the base image with debootstrap"
        make_local_base
        BASE="$LOCAL_BASE_IMAGE"
      else
        die "cannot get the base image $BASE_IMAGE (no registry reachable?)." \
          "Pull it when online (docker pull $BASE_IMAGE), or set MOSQUITTO_IMAGE to an existing Mosquitto image."
      fi
    fi
    info "base: $BASE; apt installs mosquitto $MOSQUITTO_VERSION in it (about a minute)"
    run_logged build "docker build" \
      docker build --build-arg "BASE=$BASE" \
        -t "$IMAGE" "$IMAGE_DIR"
  fi
  printf '%s\n' "$IMAGE" >"$IMAGE_FILE"
fi

# ------------------------------------------------------------ 4. Browser ----
# Lab 11 drives a real headless Chromium through playwright-core, which downloads no
# browser of its own: it uses one installed on the machine. On Debian/Ubuntu as root we
# install Debian's `chromium` package; elsewhere an installed Chrome or Chromium is used
# (the same places support/clients/chromium.ts looks). Without one, only the browser scenarios fail.

find_chromium() {
  if [ -n "${MQTT_LABS_CHROMIUM:-}" ]; then
    [ -x "$MQTT_LABS_CHROMIUM" ] && echo "$MQTT_LABS_CHROMIUM"
    return
  fi
  local p
  for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable \
    /snap/bin/chromium "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
    "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    if [ -x "$p" ]; then echo "$p"; return; fi
  done
}

CHROMIUM="$(find_chromium || true)"
if [ -z "$CHROMIUM" ] && [ -z "${MQTT_LABS_CHROMIUM:-}" ] && [ "$(uname -s)" = Linux ] && have apt-get && is_root; then
  step "Installing Chromium for the browser scenarios (apt: chromium)"
  run_logged apt "apt-get update" apt-get update
  run_logged apt "apt-get install chromium" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
  CHROMIUM="$(find_chromium || true)"
fi
if [ -n "$CHROMIUM" ]; then
  step "Browser for lab 11: $CHROMIUM"
else
  step "No Chrome or Chromium found: the browser scenarios of lab 11 will fail"
  info "install Google Chrome or Chromium, or set MQTT_LABS_CHROMIUM to its executable"
fi

# ---------------------------------------------------------------- done ----
trap - ERR
step "Ready in $(elapsed): broker image $IMAGE"
