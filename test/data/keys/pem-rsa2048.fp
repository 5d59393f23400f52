2048 SHA256:SZ7vs/+LbZZYr+S6qP6Lkam5FbheV/taJTQTequWdW8 no comment (RSA)
