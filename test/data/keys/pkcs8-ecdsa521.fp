521 SHA256:UiqEcUVV2IypkLvHbV2iOnw9XnSCMT5lqG/0r/NilwM no comment (ECDSA)
