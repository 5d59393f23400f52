256 SHA256:fFOay0NlBgso7Ea1fTEVEqIlnqyx7+l8kmrIis1sgpc test-ed25519@shrew (ED25519)
