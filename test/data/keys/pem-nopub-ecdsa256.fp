256 SHA256:fhVqzaKxMd1KAMKv6mKapOwAlcgBVwoW+80Jo/vK4d0 no comment (ECDSA)
