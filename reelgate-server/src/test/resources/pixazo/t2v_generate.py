import requests
import json

url = "https://gateway.pixazo.ai/sora-video/v1/video/generate"
headers = {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache",
    "Ocp-Apim-Subscription-Key": "YOUR_SUBSCRIPTION_KEY"
}
data = {
    "prompt": "A serene beach at sunset with gentle waves rolling onto the shore, palm trees swaying in the breeze, and seagulls flying overhead",
    "size": "1280x720",
    "seconds": 4,
    "callback_url": "https://your-domain.com/webhook/notify"
}

response = requests.post(url, headers=headers, data=json.dumps(data))
print(response.json())
