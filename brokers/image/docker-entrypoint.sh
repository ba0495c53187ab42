#!/bin/sh
# Same job as the eclipse-mosquitto image's entrypoint: when started as root, give user
# mosquitto the files under /mosquitto (configs copied in by the tests are owned by root),
# then run the command (mosquitto itself, or mosquitto_passwd, haproxy, ...).
set -e
if [ "$(id -u)" = '0' ] && [ -d /mosquitto ]; then
  chown -R mosquitto:mosquitto /mosquitto || true
fi
exec "$@"
