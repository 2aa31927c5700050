//! HTTPS: a certificate authority and a server certificate for 127.0.0.1 made at test time
//! (with the `openssl` command-line tool, so that no TLS server or certificate generator
//! becomes a dev-dependency of every `cargo test`), served by `openssl s_server -WWW` from a
//! temporary directory on an ephemeral loopback port. The server process is started by the
//! test and killed (by its handle) when the test ends.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jwcrypt::ErrorKind;
use jwcrypt::remote::{Discovery, RemoteJwkSet};

use crate::{block_on, discovery_doc, kids, set_json};

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the HTTPS tests need the openssl command-line tool");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct TlsServer {
    dir: PathBuf,
    port: u16,
    child: Child,
}

impl TlsServer {
    /// A CA, a server certificate for IP 127.0.0.1 signed by it, and `files` to serve.
    fn start(files: &[(&str, String)]) -> Self {
        let dir = std::env::temp_dir().join(format!("jwcrypt-remote-tls-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ];
        let mut ca = vec!["req", "-x509"];
        ca.extend(ec);
        ca.extend([
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=jwcrypt test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(&dir, &ca);
        let mut csr = vec!["req"];
        csr.extend(ec);
        csr.extend([
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=127.0.0.1",
        ]);
        openssl(&dir, &csr);
        std::fs::write(
            dir.join("leaf.ext"),
            "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
        )
        .unwrap();
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-in",
                "leaf.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "leaf.pem",
                "-days",
                "2",
                "-extfile",
                "leaf.ext",
            ],
        );
        for (path, body) in files {
            let file = dir.join("www").join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("openssl")
            .args([
                "s_server",
                "-quiet",
                "-WWW",
                "-cert",
                "../leaf.pem",
                "-key",
                "../leaf.key",
            ])
            .arg("-accept")
            .arg(format!("127.0.0.1:{port}"))
            .current_dir(dir.join("www"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self { dir, port, child };
        // Wait (bounded: 10 s) until it listens.
        let ready = (0..200).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(ready, "openssl s_server did not start");
        server
    }

    fn base(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    fn ca_pem(&self) -> Vec<u8> {
        std::fs::read(self.dir.join("ca.pem")).unwrap()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn https_with_a_root_made_at_test_time() {
    let server = TlsServer::start(&[("jwks.json", set_json(&["tls-1", "tls-2"]))]);
    // The discovery document names the server's own URL: written once the port is known.
    let doc = discovery_doc(&server.base(), &format!("{}/jwks.json", server.base()));
    let well_known = server.dir.join("www/.well-known");
    std::fs::create_dir_all(&well_known).unwrap();
    std::fs::write(well_known.join("openid-configuration"), doc).unwrap();
    let url = format!("{}/jwks.json", server.base());

    // Trusted through the test CA: fetched over HTTPS, no allow_http needed.
    let jwks = RemoteJwkSet::builder(&url)
        .add_root_certificate_pem(server.ca_pem())
        .build()
        .unwrap();
    let set = block_on(jwks.keys()).unwrap();
    assert_eq!(kids(&set), ["tls-1", "tls-2"]);
    assert_eq!(jwks.fetch_count(), 1);

    // Discovery over HTTPS, the root carried over to the key set.
    let found = block_on(
        Discovery::new(server.base())
            .add_root_certificate_pem(server.ca_pem())
            .fetch(),
    )
    .unwrap();
    assert_eq!(found.issuer, server.base());
    assert_eq!(block_on(found.jwks.keys()).unwrap().len(), 2);

    // Without the test CA the certificate is not trusted.
    let untrusted = RemoteJwkSet::builder(&url).build().unwrap();
    let e = block_on(untrusted.keys()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch, "{e}");
    assert!(e.message().to_lowercase().contains("certificate"), "{e}");
    assert_eq!(untrusted.fetch_count(), 1);

    // A root that is not PEM is refused when the set is built.
    for bad in [&b"not a certificate"[..], b""] {
        let e = RemoteJwkSet::builder(&url)
            .add_root_certificate_pem(bad)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    }
}
