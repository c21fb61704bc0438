

Jane Doejane@example.org

John Roejohn@example.org