fn main() {
    let _ = reqwest::blocking::get("https://example.org/models/rust-model.safetensors");
}
