384 SHA256:2NrHYtnNone2MbfrBUTk/8EN0v7qrCb1TROo+tD7wtU no comment (ECDSA)
