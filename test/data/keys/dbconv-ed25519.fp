256 SHA256:fFOay0NlBgso7Ea1fTEVEqIlnqyx7+l8kmrIis1sgpc no comment (ED25519)
