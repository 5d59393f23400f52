256 SHA256:MFxMTZ3h+bkbd1GZeDXZIfAydhkJKQytjUH+abNlrTE no comment (ED25519)
