521 SHA256:Bw0eVCczxnkx2Zs+pXEisfxGARmt7qzk4o+U9Aw7OpY no comment (ECDSA)
