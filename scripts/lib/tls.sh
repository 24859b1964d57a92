# shellcheck shell=bash
# Test certificates: a CA made once per directory, and certificates it signs,
# renewed when they have less than a day left. Needs openssl.

# berth_tls_ca KEY CERT CN: the CA, unless KEY and CERT hold one already.
berth_tls_ca() {
  [[ -s $1 && -s $2 ]] && return 0
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$3" \
    -keyout "$1" -out "$2" 2>/dev/null)
}

# berth_tls_cert CA_KEY CA_CERT KEY CERT CN EXTENSIONS: a certificate the CA
# signs, with EXTENSIONS (openssl x509 -extfile lines), when CERT is missing,
# expires within a day or was signed by another CA.
berth_tls_cert() {
  local ca_key=$1 ca_cert=$2 key=$3 cert=$4 cn=$5 ext=$6
  if [[ -s $cert ]] && openssl x509 -checkend 86400 -noout -in "$cert" >/dev/null \
    && openssl verify -CAfile "$ca_cert" "$cert" >/dev/null 2>&1; then
    return 0
  fi
  (umask 077 && openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$key" -out "$cert.csr" 2>/dev/null)
  openssl x509 -req -in "$cert.csr" -CA "$ca_cert" -CAkey "$ca_key" -CAcreateserial -days 365 \
    -extfile <(printf '%s\n' "$ext") -out "$cert" 2>/dev/null
  rm -f "$cert.csr"
}
