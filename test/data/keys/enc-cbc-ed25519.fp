256 SHA256:RDynZcM+aWrl12hmoqEbYy8VAOu0m0Lls21/fo5/8rI test-enc-cbc-ed25519@shrew (ED25519)
