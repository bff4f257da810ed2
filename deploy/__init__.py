"""Deployment: the Kubernetes manifests' renderer (``python -m deploy.render``); see README "Production"."""
