256 SHA256:UjjRu3KSGDcKlyBPRdg/2FmdaeaYDh3lLsddOrLCIrs test-ecdsa256@shrew (ECDSA)
