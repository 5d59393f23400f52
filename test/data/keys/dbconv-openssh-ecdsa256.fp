256 SHA256:xu+1TWxqwRBHf1mwhYmjVBou2otqqGuSlnEUym+Lumk no comment (ECDSA)
