#!/bin/sh
# Starts the host. The JVMCI flags put the Graal compiler on the upgrade module path so sandboxed
# JavaScript plugins are compiled at run time (10-15x the interpreter); they need the JDK's
# jdk.internal.vm.ci module, so a runtime image without it still starts, interpreted.
set -eu
JVMCI=""
if java --list-modules 2>/dev/null | grep -q '^jdk.internal.vm.ci@'; then
  JVMCI="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=/opt/mallkit/graal"
else
  echo "mallkit: this Java runtime has no jdk.internal.vm.ci; JavaScript plugins run interpreted" >&2
fi
# Hazelcast (cluster mode) reaches these JDK internals for its fast paths; without them it warns and runs slower
HAZELCAST="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
# shellcheck disable=SC2086 # JAVA_OPTS and JVMCI are flag lists
exec java ${JAVA_OPTS:-} $JVMCI $HAZELCAST --enable-native-access=ALL-UNNAMED -Dpolyglot.engine.WarnInterpreterOnly=false \
  -cp '/opt/mallkit/lib/*' dev.mallkit.host.Main "$@"
