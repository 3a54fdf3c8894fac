import requests
import json

url = "https://gateway.pixazo.ai/sora-video/v1/video/i2v/generate"
headers = {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache",
    "Ocp-Apim-Subscription-Key": "YOUR_SUBSCRIPTION_KEY"
}
data = {
    "prompt": "The woman turns her head and smiles",
    "image": "https://example.com/image-1280x720.jpg"
}

response = requests.post(url, headers=headers, json=data)
print(response.json())
