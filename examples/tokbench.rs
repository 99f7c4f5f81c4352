fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut texts = Vec::new();
    fn walk(d: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out)
            } else if p.extension().map_or(false, |x| x == "md") {
                out.push(std::fs::read_to_string(&p).unwrap())
            }
        }
    }
    walk(std::path::Path::new(&dir), &mut texts);
    let t = std::time::Instant::now();
    let mut n = 0usize;
    for text in &texts {
        lots::search::pipeline::for_each_token(text, |_t| n += 1);
    }
    eprintln!("scan only: {:?} {n}", t.elapsed());
    let t = std::time::Instant::now();
    let mut total = 0;
    for text in &texts {
        let mut m: std::collections::HashMap<std::borrow::Cow<str>, u32> = Default::default();
        lots::search::pipeline::for_each_token(text, |t| *m.entry(t).or_default() += 1);
        total += m.len();
    }
    eprintln!("scan+siphash map: {:?} {total}", t.elapsed());
}
