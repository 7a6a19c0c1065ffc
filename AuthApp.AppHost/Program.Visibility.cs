// The ASP.NET Core framework reference makes top-level Program classes public; the AppHost's stays internal
// so it does not clash with the API's Program in the tests, which reach the AppHost via Projects.AuthApp_AppHost.
internal partial class Program;
