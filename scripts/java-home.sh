# Sourced by mvnw, atalaya and the test script: exports JAVA_HOME pointing at a JDK >= 21.
_java_major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2,v,"."); print v[1]; exit}'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(_java_major "$JAVA_HOME")" -lt 21 ]; then
  JAVA_HOME=""
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    m=$(_java_major "$d"); [ -n "$m" ] && [ "$m" -ge 21 ] || continue
    if [ -z "$JAVA_HOME" ] || [ "$m" -gt "$(_java_major "$JAVA_HOME")" ]; then JAVA_HOME="$d"; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "Atalaya needs a JDK 21 or newer: install one (e.g. apt-get install openjdk-21-jdk or Temurin) and set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
