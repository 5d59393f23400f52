2048 SHA256:uTs9FQifjW+qq8XG1stwYzjzUKvIN0Pg8ThzyZWOSwI test-enc-rsa2048@shrew (RSA)
