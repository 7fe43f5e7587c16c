#!/usr/bin/env bash
# Dev mode (./mvnw quarkus:dev) resolves io.quarkus:quarkus-devui{,-deployment,-resources,-spi}:3.31.4, which the partial
# Maven Central mirror of the project's machines lacks (404), while 3.31.3's are there. On such a machine this puts
# 3.31.3's artifacts into the local repository under 3.31.4 (their POMs re-pointed at the 3.31.4 parent, which the
# mirror has). On a machine that resolves 3.31.4 it does nothing. Only dev mode uses these artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
HAVE=3.31.3
WANT=3.31.4
BASE=https://repo.maven.apache.org/maven2/io/quarkus
M2=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}

if ./mvnw -B -q dependency:get -Dartifact=io.quarkus:quarkus-devui:$WANT -Dtransitive=false >/dev/null 2>&1; then
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for artifact in quarkus-devui quarkus-devui-deployment quarkus-devui-resources quarkus-devui-spi; do
    curl -sfL -o "$tmp/$artifact.jar" "$BASE/$artifact/$HAVE/$artifact-$HAVE.jar"
    curl -sfL -o "$tmp/$artifact.pom" "$BASE/$artifact/$HAVE/$artifact-$HAVE.pom"
    sed -i "s|<version>$HAVE</version>|<version>$WANT</version>|g" "$tmp/$artifact.pom"
    dir="$M2/io/quarkus/$artifact/$WANT"
    mkdir -p "$dir"
    cp "$tmp/$artifact.jar" "$dir/$artifact-$WANT.jar"
    cp "$tmp/$artifact.pom" "$dir/$artifact-$WANT.pom"
    rm -f "$dir"/_remote.repositories "$dir"/*.lastUpdated
    echo "devui-mirror-gap: $artifact $WANT taken from $HAVE"
done
