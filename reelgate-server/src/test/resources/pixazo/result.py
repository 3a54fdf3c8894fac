import requests
import json

url = "https://gateway.pixazo.ai/sora-video/v1/video/result"
headers = {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache",
    "Ocp-Apim-Subscription-Key": "YOUR_SUBSCRIPTION_KEY"
}
data = {
    "video_id": "video_68e4ff15fd8c8193ae7c27ca15812XXXXXXXXXXXXXXXXXXX"
}

response = requests.post(url, headers=headers, json=data)
print(response.json())
