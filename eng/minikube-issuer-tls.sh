#!/usr/bin/env bash
# Makes the TLS material the minikube overlay serves AuthApp's issuer with (the API server accepts only an https
# issuer): a private CA, and a serving certificate for auth.books.test and admin.books.test signed by it.
# Writes into aspirate-output/overlays/minikube/tls/ (git-ignored, owner-only): ca.crt, ca.key, tls.crt, tls.key.
# The overlay turns tls.crt/tls.key into the Secret authapp-tls for the Ingress; ca.crt is what kube-apiserver
# (--oidc-ca-file) and authapp-kubectl (--certificate-authority) trust. An existing CA is kept, so re-running
# renews the serving certificate without re-distributing the CA; delete the folder for a new CA.
# Usage: eng/minikube-issuer-tls.sh [output-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-aspirate-output/overlays/minikube/tls}"
command -v openssl >/dev/null 2>&1 || { echo "openssl is needed (apt-get install openssl / brew install openssl)" >&2; exit 1; }
umask 077
mkdir -p "$out"
chmod 700 "$out"

if [ ! -s "$out/ca.key" ] || [ ! -s "$out/ca.crt" ]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 \
    -keyout "$out/ca.key" -out "$out/ca.crt" -subj "/CN=AuthApp minikube CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  echo "Created the CA $out/ca.crt" >&2
fi

# 397 days: the longest serving certificate browsers accept.
openssl req -new -newkey rsa:2048 -sha256 -nodes -keyout "$out/tls.key" -out "$out/tls.csr" -subj "/CN=auth.books.test" 2>/dev/null
cat > "$out/tls.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:auth.books.test,DNS:admin.books.test
EXT
openssl x509 -req -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -days 397 -sha256 -extfile "$out/tls.ext" -out "$out/tls.crt" 2>/dev/null
rm -f "$out/tls.csr" "$out/tls.ext" "$out/ca.srl"
openssl verify -CAfile "$out/ca.crt" "$out/tls.crt" >/dev/null
echo "Created the serving certificate $out/tls.crt (auth.books.test, admin.books.test)" >&2
