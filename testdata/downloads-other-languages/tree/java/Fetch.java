class Fetch {
    void run() throws Exception {
        new java.net.URL("https://example.org/models/java-model.pt").openStream();
    }
}
