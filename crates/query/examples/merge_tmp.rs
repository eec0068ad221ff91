fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let index = franglais_index::open_index(std::path::Path::new(&dir)).unwrap();
    let mut writer: tantivy::IndexWriter = index.index.writer(100_000_000).unwrap();
    let ids = index.index.searchable_segment_ids().unwrap();
    println!("{} segments", ids.len());
    let t = std::time::Instant::now();
    writer.merge(&ids).wait().unwrap();
    let mut commit = writer.prepare_commit().unwrap();
    commit.set_payload(
        &serde_json::to_string(&franglais_index::schema::CommitPayload::current()).unwrap(),
    );
    commit.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    println!("merged in {:?}", t.elapsed());
}
