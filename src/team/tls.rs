//! TLS to the team server, as libpq's `sslmode` asks for it, with rustls and ring's cryptography
//! (pure Rust and a little C, linked into the program: no OpenSSL to build or load).
//!
//! - `require` and `prefer` ([`Check::None`]): encrypted, and who answers is not checked — libpq's
//!   meaning of the two. The handshake's signature is still checked against the key of the
//!   certificate the server sent.
//! - `verify-full` ([`Check::System`], [`Check::Roots`]): the server's certificate chain is checked
//!   against the system's roots (the files OpenSSL reads, found by `rustls-native-certs`, which
//!   honours `SSL_CERT_FILE` and `SSL_CERT_DIR`) or against the certificates of `sslrootcert` only,
//!   and the host name (or IP address) typed against the certificate's names, its validity period
//!   against the clock.
//!
//! Decision: a server certificate that *is* one of `sslrootcert`'s certificates, byte for byte, is
//! taken as the trust anchor it is, within its validity period and for its names. PostgreSQL's
//! manual makes the server a self-signed certificate with `openssl req -x509`, which marks it as a
//! certificate authority, and tells clients to name that file in `sslrootcert`: OpenSSL (libpq)
//! accepts it, webpki alone refuses a CA certificate as the server's own ("CaUsedAsEndEntity").

use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

/// What the server's certificate is checked against.
pub(super) enum Check {
    /// Nothing (libpq's `require` and `prefer`).
    None,
    /// The system's roots (`verify-full` without `sslrootcert`).
    System,
    /// These certificates only (`verify-full` with `sslrootcert`; at least one).
    Roots(Vec<CertificateDer<'static>>),
}

/// The client side of TLS for `check`.
///
/// Errors: text for the `team-tls-setup` message — no root certificate usable (none on the system,
/// or none of `sslrootcert`'s parses as an X.509 certificate).
pub(super) fn config(check: Check) -> Result<ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::None => Arc::new(Unchecked(provider.clone())),
        Check::System => {
            let found = rustls_native_certs::load_native_certs();
            Arc::new(Anchored::new(found.certs, provider.clone())?)
        }
        Check::Roots(certs) => Arc::new(Anchored::new(certs, provider.clone())?),
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(config)
}

/// Checks nothing of the certificate but the handshake's signature by its key.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// webpki's check against `roots`, and a server certificate that is one of them taken as itself
/// (see the module's text).
#[derive(Debug)]
struct Anchored {
    webpki: Arc<WebPkiServerVerifier>,
    roots: Vec<CertificateDer<'static>>,
}

impl Anchored {
    fn new(roots: Vec<CertificateDer<'static>>, provider: Arc<CryptoProvider>) -> Result<Self, String> {
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(roots.iter().cloned());
        let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Anchored { webpki, roots })
    }
}

impl ServerCertVerifier for Anchored {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(_) if self.roots.iter().any(|root| root.as_ref() == end_entity.as_ref()) => {
                let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                rustls::client::verify_server_name(&parsed, server_name)?;
                within_validity(end_entity, now)?;
                Ok(ServerCertVerified::assertion())
            }
            checked => checked,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// Whether `now` is within the certificate's validity period (both ends included, as RFC 5280
/// says).
fn within_validity(cert: &CertificateDer<'_>, now: UnixTime) -> Result<(), rustls::Error> {
    use x509_cert::der::Decode;
    let parsed = x509_cert::Certificate::from_der(cert.as_ref())
        .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
    let validity = &parsed.tbs_certificate.validity;
    let now = now.as_secs();
    if now < validity.not_before.to_unix_duration().as_secs() {
        return Err(rustls::Error::InvalidCertificate(CertificateError::NotValidYet));
    }
    if now > validity.not_after.to_unix_duration().as_secs() {
        return Err(rustls::Error::InvalidCertificate(CertificateError::Expired));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_that_are_no_certificates_are_refused_when_set_up() {
        let not_a_certificate = CertificateDer::from(b"not DER at all".to_vec());
        let error = config(Check::Roots(vec![not_a_certificate])).unwrap_err();
        assert!(!error.is_empty());
    }

    #[test]
    fn a_certificate_that_is_no_x509_is_outside_any_validity() {
        let garbage = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x01]);
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_800_000_000));
        assert!(matches!(
            within_validity(&garbage, now),
            Err(rustls::Error::InvalidCertificate(CertificateError::BadEncoding))
        ));
    }
}
