//! `franglais serve`: the search page and the JSON API over HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use franglais_serve::{ServeOptions, Server, DEFAULT_ADDR};

use crate::search_cmd::open_or_build_index;

const SERVE_EXAMPLES: &str = "\
Examples:
  franglais serve                              (then open http://127.0.0.1:7700/)
  franglais serve --index news --addr 127.0.0.1:8080
  curl 'http://127.0.0.1:7700/search?q=bouclier+anti-missiles&lang=en'
  curl -d '[{\"q\": \"OTAN\"}, {\"q\": \"Stolt\", \"prefix\": true}]' http://127.0.0.1:7700/multi-search

API: GET /search?q=&lang=&limit=&offset=&since=&until=&sort=&prefix=&explain=,
POST /multi-search, GET /documents/{id}?q=, GET /health, GET /stats.
A `franglais index` run into the same index is picked up without a restart.";

#[derive(Args, Debug)]
#[command(after_help = SERVE_EXAMPLES)]
pub struct ServeArgs {
    /// Index folder; the default one is built from ./corpus on first use
    #[arg(long, value_name = "DIR", env = "FRANGLAIS_INDEX")]
    index: Option<PathBuf>,
    /// Address to listen on; another than loopback makes the index
    /// reachable from other machines
    #[arg(long, value_name = "IP:PORT", default_value_t = DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Let pages from this origin call the API (CORS), e.g.
    /// http://localhost:3000; none by default
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// Add a French<TAB>English[<TAB>confidence] lexicon to the built-in
    /// one (repeatable)
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let searcher = open_or_build_index(args.index.as_deref(), &args.lexicon)?;
    let options = ServeOptions::default()
        .with_addr(args.addr)
        .with_cors(args.cors.clone());
    let server = Server::start(searcher, &options)?;
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "franglais: listening on {}, which other machines can reach: anyone who can connect can search this index",
            server.addr()
        );
    }
    eprintln!(
        "franglais: serving on http://{}/ (Ctrl-C stops)",
        server.addr()
    );
    server.wait();
    Ok(ExitCode::SUCCESS)
}
