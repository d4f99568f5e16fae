//! A webhook receiver on the standard library alone: it verifies each request Seam sends, reads
//! its event, and handles a few event types.
//!
//! `SEAM_WEBHOOK_SECRET=whsec_... cargo run --example webhook_receiver --features webhook`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use seam_types::WebhookVerifier;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let verifier = WebhookVerifier::new(&std::env::var("SEAM_WEBHOOK_SECRET")?)?;
    for stream in TcpListener::bind("127.0.0.1:8080")?.incoming() {
        let mut stream = stream?;
        let mut reader = BufReader::new(&stream);
        // The request line, the headers up to a blank line, then the body.
        let (mut headers, mut line) = (Vec::new(), String::new());
        reader.read_line(&mut line)?;
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let Some((name, value)) = line.trim_end().split_once(':') else { break };
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
        let length = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        let mut body = vec![0; length.and_then(|(_, v)| v.parse().ok()).unwrap_or(0)];
        reader.read_exact(&mut body)?;
        let status = match verifier.verify(&headers, &body) {
            Ok(event) => {
                // The envelope, whatever the event type; then the payload, by type.
                println!("{:?} {} at {:?}", event.event_id, event.event_type(), event.occurred_at);
                // @handle
                "204 No Content"
            }
            Err(e) => {
                eprintln!("rejected: {e}");
                "400 Bad Request"
            }
        };
        write!(stream, "HTTP/1.1 {status}\r\ncontent-length: 0\r\n\r\n")?;
    }
    Ok(())
}
